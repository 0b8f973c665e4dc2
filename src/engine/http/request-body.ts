import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { BerthError } from "../../shared/errors.js";

/** Reads a whole request body, refusing more than `limit` bytes (413-worthy, reported as 400). */
export async function readBody(req: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) throw new BerthError("INVALID_ARGUMENT", `request body exceeds ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body with a schema; an empty body counts as `{}`. Unknown fields are dropped. */
export function parseJsonBody<S extends z.ZodType>(schema: S, body: Buffer): z.output<S> {
  const text = body.toString("utf8").trim();
  let raw: unknown = {};
  if (text !== "") {
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new BerthError("INVALID_ARGUMENT", `invalid JSON body: ${errorText(cause)}`, { cause });
    }
  }
  if (raw === null) raw = {};
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new BerthError("INVALID_ARGUMENT", `invalid request body: ${where}${issue?.message ?? "invalid"}`);
}

/** Reads and validates a JSON request body. */
export async function readJson<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
  limit: number,
): Promise<z.output<S>> {
  return parseJsonBody(schema, await readBody(req, limit));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
