import { createReadStream, createWriteStream, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { stdinOf } from "../../engine-io.js";

function resolve(context: CliContext, path: string): string {
  return isAbsolute(path) ? path : join(context.cwd, path);
}

/** The bytes of a file named on the command line (`-` is stdin); a missing file is a usage error. */
export function readInput(context: CliContext, path: string, flag: string): AsyncIterable<Uint8Array> {
  if (path === "-") return stdinOf(context);
  const full = resolve(context, path);
  try {
    if (!statSync(full).isFile()) throw new UsageError(`${flag} ${path}: not a regular file`);
  } catch (error: unknown) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${flag} ${path}: no such file or directory`);
  }
  return createReadStream(full);
}

/** Writes a byte stream to a file named on the command line (created or truncated). */
export async function writeOutput(
  context: CliContext,
  path: string,
  data: AsyncIterable<Uint8Array>,
): Promise<void> {
  await pipeline(Readable.from(data), createWriteStream(resolve(context, path)));
}
