/** Stream ids of Docker's multiplexed framing (stdcopy): the first byte of each 8-byte header. */
export const streamIds = { stdin: 0, stdout: 1, stderr: 2, systemerr: 3 } as const;

/** A stream a frame belongs to. */
export type FrameStream = keyof typeof streamIds;

/** One decoded frame of a multiplexed stream. */
export interface Frame {
  stream: FrameStream;
  data: Buffer;
}

/** Content type of a multiplexed (non-TTY) stream, as Docker sends it since API 1.42. */
export const MULTIPLEXED_CONTENT_TYPE = "application/vnd.docker.multiplexed-stream";
/** Content type of a raw (TTY or hijacked) stream. */
export const RAW_CONTENT_TYPE = "application/vnd.docker.raw-stream";

const HEADER_SIZE = 8;
const MAX_FRAME = 0xffffffff;
const streamNames: readonly FrameStream[] = ["stdin", "stdout", "stderr", "systemerr"];

/** Encodes one frame: stream id, three zero bytes, big-endian uint32 length, payload. */
export function encodeFrame(stream: FrameStream, data: Uint8Array): Buffer {
  if (data.length > MAX_FRAME) throw new RangeError(`frame of ${data.length} bytes exceeds uint32`);
  const header = Buffer.alloc(HEADER_SIZE);
  header[0] = streamIds[stream];
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

/** The framing is broken: a bad stream id, non-zero padding, or input ending inside a frame. */
export class FramingError extends Error {
  override readonly name = "FramingError";
}

/** Incremental decoder: push chunks as they arrive, get whole frames back; `end()` checks nothing is left. */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds bytes and returns every frame completed by them. */
  push(chunk: Uint8Array): Frame[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (this.pending.length >= HEADER_SIZE) {
      const id = this.pending[0] ?? 0;
      const stream = streamNames[id];
      if (stream === undefined) throw new FramingError(`unknown stream id ${id} in frame header`);
      if (this.pending[1] !== 0 || this.pending[2] !== 0 || this.pending[3] !== 0) {
        throw new FramingError("frame header padding is not zero");
      }
      const length = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER_SIZE + length) break;
      frames.push({ stream, data: this.pending.subarray(HEADER_SIZE, HEADER_SIZE + length) });
      this.pending = this.pending.subarray(HEADER_SIZE + length);
    }
    return frames;
  }

  /** Declares the input finished; throws when it stopped in the middle of a frame. */
  end(): void {
    if (this.pending.length > 0) {
      throw new FramingError(`stream ended inside a frame (${this.pending.length} bytes left)`);
    }
  }
}

/** Decodes a whole multiplexed stream given as chunks. */
export async function* decodeFrames(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Frame> {
  const decoder = new FrameDecoder();
  for await (const chunk of chunks) yield* decoder.push(chunk);
  decoder.end();
}
