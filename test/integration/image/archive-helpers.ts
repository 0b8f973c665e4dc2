import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { commandSpecialFiles } from "../../../src/image/layer/special-files.js";
import { ImageStore } from "../../../src/image/store/image-store.js";
import { type TarWriteEntry, tarArchive } from "../../../src/image/tar/tar-writer.js";
import { testRunner } from "./helpers.js";

/** A store under `root`. */
export function storeAt(root: string): ImageStore {
  return new ImageStore({ root, specials: commandSpecialFiles(testRunner) });
}

/** Bytes as a one-chunk stream. */
export async function* streamOf(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

/** Collects a stream. */
export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** A tar of text files (name → content). */
export function filesTar(files: Record<string, string>, extra: TarWriteEntry[] = []): Buffer {
  return tarArchive([
    ...Object.entries(files).map(([name, text]) => ({
      name,
      type: "file" as const,
      data: Buffer.from(text),
    })),
    ...extra,
  ]);
}

/** Writes bytes to a file and returns a stream of it (a large-ish archive path for skopeo). */
export async function fileStream(path: string, data: Uint8Array): Promise<AsyncIterable<Uint8Array>> {
  await writeFile(path, data);
  return createReadStream(path);
}

/** Gzips a buffer. */
export const gz = (data: Uint8Array): Buffer => gzipSync(data);
