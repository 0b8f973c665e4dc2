// DNS over TCP (RFC 7766): each message is preceded by its length as a big-endian 16-bit integer.

/** The largest message a 16-bit length prefix can carry. */
export const MAX_TCP_MESSAGE = 0xffff;

/** Prefixes one message with its length; throws RangeError when it is too long for TCP. */
export function frameMessage(message: Uint8Array): Uint8Array {
  if (message.length > MAX_TCP_MESSAGE) throw new RangeError(`DNS message of ${message.length} bytes`);
  const framed = new Uint8Array(message.length + 2);
  framed[0] = message.length >>> 8;
  framed[1] = message.length & 0xff;
  framed.set(message, 2);
  return framed;
}

/** Splits a TCP byte stream into whole messages, whatever the chunk boundaries. */
export class TcpFramer {
  private buffer: Uint8Array = new Uint8Array(0);

  /** Adds received bytes; returns the messages they complete, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    const messages: Uint8Array[] = [];
    let offset = 0;
    while (joined.length - offset >= 2) {
      const length = ((joined[offset] ?? 0) << 8) | (joined[offset + 1] ?? 0);
      if (joined.length - offset - 2 < length) break;
      messages.push(joined.slice(offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    this.buffer = joined.slice(offset);
    return messages;
  }

  /** Bytes received that do not yet form a whole message. */
  pending(): number {
    return this.buffer.length;
  }
}
