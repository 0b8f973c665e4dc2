import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ImageContentError } from "../errors.js";

/** Compression of a layer stream, told by its first bytes. */
export type Compression = "gzip" | "zstd" | "bzip2" | "xz" | "none";

/** Names the compression from magic bytes. */
export function detectCompression(head: Uint8Array): Compression {
  const is = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  if (is(0x1f, 0x8b)) return "gzip";
  if (is(0x28, 0xb5, 0x2f, 0xfd)) return "zstd";
  if (is(0x42, 0x5a, 0x68)) return "bzip2";
  if (is(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return "xz";
  return "none";
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** The stream's bytes, gunzipped when it starts with gzip's magic; other compressions are refused. */
export async function decompressed(source: AsyncIterable<Uint8Array>): Promise<AsyncIterable<Uint8Array>> {
  const iterator = source[Symbol.asyncIterator]();
  let first = Buffer.alloc(0);
  while (first.length < 6) {
    const next = await iterator.next();
    if (next.done) break;
    first = Buffer.concat([first, next.value]);
  }
  const kind = detectCompression(first);
  const whole = prepend(first, iterator);
  if (kind === "none") return whole;
  if (kind !== "gzip")
    throw new ImageContentError(`${kind}-compressed layers are not supported (gzip or plain tar only)`);
  const gunzip = createGunzip();
  const input = Readable.from(whole);
  input.on("error", (error: Error) => gunzip.destroy(error));
  input.pipe(gunzip);
  return gunzip;
}

/** Passes chunks through while feeding them to `observe` (for hashing what was read). */
export async function* tap(
  source: AsyncIterable<Uint8Array>,
  observe: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    observe(chunk);
    yield chunk;
  }
}
