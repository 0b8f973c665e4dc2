import type { Duplex } from "node:stream";

/** Pulls chunks from a raw socket in paused mode, with bytes pushed back in front (the upgrade `head`). */
export class SocketReader {
  private front: Buffer[];

  constructor(
    private readonly socket: Duplex,
    head: Buffer,
  ) {
    this.front = head.length > 0 ? [head] : [];
    socket.pause();
  }

  /** The next chunk, or null once the client closed its write side. */
  async read(): Promise<Buffer | null> {
    const first = this.front.shift();
    if (first !== undefined) return first;
    for (;;) {
      const chunk: unknown = this.socket.read();
      if (chunk !== null) return typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      if (this.socket.readableEnded || this.socket.destroyed) return null;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.socket.off("readable", done);
          this.socket.off("end", done);
          this.socket.off("close", done);
          resolve();
        };
        this.socket.on("readable", done);
        this.socket.on("end", done);
        this.socket.on("close", done);
      });
    }
  }

  /** Reads exactly `length` bytes (the request body); throws when the client stops early. */
  async take(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < length) {
      const chunk = await this.read();
      if (chunk === null) throw new Error(`connection closed after ${have} of ${length} body bytes`);
      const need = length - have;
      if (chunk.length > need) {
        this.front.unshift(chunk.subarray(need));
        parts.push(chunk.subarray(0, need));
        have = length;
      } else {
        parts.push(chunk);
        have += chunk.length;
      }
    }
    return Buffer.concat(parts);
  }

  /** The rest of the client's bytes as an async iterable that never destroys the socket. */
  rest(): AsyncIterable<Buffer> {
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const chunk = await this.read();
          return chunk === null ? { done: true, value: undefined } : { done: false, value: chunk };
        },
        return: async () => ({ done: true, value: undefined }),
      }),
    };
  }
}
