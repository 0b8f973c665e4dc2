/** Pulls exact byte counts out of an async stream of chunks, without copying more than needed. */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private pending: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Next chunk of at most `max` bytes; undefined at the end of the stream. */
  async chunk(max: number): Promise<Buffer | undefined> {
    if (this.pending.length === 0) {
      if (this.done) return undefined;
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        return undefined;
      }
      this.pending = Buffer.from(next.value);
    }
    const out = this.pending.subarray(0, max);
    this.pending = this.pending.subarray(out.length);
    return out;
  }

  /** Exactly `length` bytes, or fewer only when the stream ends first. */
  async read(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < length) {
      const part = await this.chunk(length - got);
      if (part === undefined) break;
      parts.push(part);
      got += part.length;
    }
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  }

  /** Discards `length` bytes; returns how many were there. */
  async skip(length: number): Promise<number> {
    let left = length;
    while (left > 0) {
      const part = await this.chunk(left);
      if (part === undefined) break;
      left -= part.length;
    }
    return length - left;
  }

  /** Reads and discards the rest of the stream. */
  async drain(): Promise<void> {
    while ((await this.chunk(Number.MAX_SAFE_INTEGER)) !== undefined) {}
  }
}
