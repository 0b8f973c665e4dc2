// The DNS wire format (RFC 1035 §4) at byte level: names with compression pointers, big-endian integers.
// Pure; the reader never throws past its own boundary (callers catch `WireError` and answer FORMERR).

/** Record types berth reads or writes (numbers as on the wire). */
export const DnsType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  ANY: 255,
} as const;

/** Response codes (RFC 1035 §4.1.1). */
export const Rcode = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** The class of every record berth answers. */
export const CLASS_IN = 1;

/** Size of the fixed message header. */
export const HEADER_SIZE = 12;

/** A name is at most 255 bytes on the wire, a label at most 63. */
const MAX_NAME = 255;
const MAX_LABEL = 63;

/** Malformed or truncated wire data. */
export class WireError extends Error {}

/** Reads big-endian fields and names from one message, keeping a cursor. */
export class WireReader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  /** Bytes left after the cursor. */
  remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** One unsigned byte. */
  u8(): number {
    const value = this.bytes[this.offset];
    if (value === undefined) throw new WireError(`truncated at byte ${this.offset}`);
    this.offset += 1;
    return value;
  }

  /** One big-endian 16-bit unsigned integer. */
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  /** One big-endian 32-bit unsigned integer. */
  u32(): number {
    return this.u16() * 0x10000 + this.u16();
  }

  /** `length` raw bytes (a copy). */
  take(length: number): Uint8Array {
    if (length > this.remaining()) throw new WireError(`need ${length} bytes at ${this.offset}`);
    const out = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** A possibly compressed name as its labels (each byte kept as one char code 0–255). */
  name(): string[] {
    const labels: string[] = [];
    let cursor = this.offset;
    let jumped = false;
    let wireLength = 1;
    // Each pointer must go strictly backwards, so a loop of pointers cannot spin forever.
    let limit = cursor;
    for (;;) {
      const length = this.bytes[cursor];
      if (length === undefined) throw new WireError(`name runs past the end at ${cursor}`);
      if ((length & 0xc0) === 0xc0) {
        const low = this.bytes[cursor + 1];
        if (low === undefined) throw new WireError(`truncated pointer at ${cursor}`);
        const target = ((length & 0x3f) << 8) | low;
        if (target >= limit) throw new WireError(`forward or looping pointer at ${cursor}`);
        if (!jumped) this.offset = cursor + 2;
        jumped = true;
        limit = target;
        cursor = target;
        continue;
      }
      if ((length & 0xc0) !== 0) throw new WireError(`unsupported label type at ${cursor}`);
      if (length === 0) {
        if (!jumped) this.offset = cursor + 1;
        return labels;
      }
      wireLength += length + 1;
      if (wireLength > MAX_NAME) throw new WireError(`name longer than ${MAX_NAME} bytes`);
      const end = cursor + 1 + length;
      if (end > this.bytes.length) throw new WireError(`label runs past the end at ${cursor}`);
      labels.push(String.fromCharCode(...this.bytes.subarray(cursor + 1, end)));
      cursor = end;
    }
  }
}

/** Appends big-endian fields and names to a growing message. */
export class WireWriter {
  private readonly parts: number[] = [];

  /** Bytes written so far. */
  get length(): number {
    return this.parts.length;
  }

  /** One byte. */
  u8(value: number): this {
    this.parts.push(value & 0xff);
    return this;
  }

  /** One big-endian 16-bit integer. */
  u16(value: number): this {
    return this.u8(value >>> 8).u8(value);
  }

  /** One big-endian 32-bit integer. */
  u32(value: number): this {
    return this.u16(Math.floor(value / 0x10000)).u16(value % 0x10000);
  }

  /** Raw bytes. */
  bytes(data: Uint8Array): this {
    for (const byte of data) this.parts.push(byte);
    return this;
  }

  /** An uncompressed name from its labels (char codes 0–255); throws WireError when it cannot be encoded. */
  name(labels: readonly string[]): this {
    let total = 1;
    for (const label of labels) {
      if (label.length === 0 || label.length > MAX_LABEL)
        throw new WireError(`bad label length ${label.length}`);
      total += label.length + 1;
    }
    if (total > MAX_NAME) throw new WireError(`name longer than ${MAX_NAME} bytes`);
    for (const label of labels) {
      this.u8(label.length);
      for (let i = 0; i < label.length; i += 1) this.u8(label.charCodeAt(i));
    }
    return this.u8(0);
  }

  /** A compression pointer to an earlier name. */
  pointer(offset: number): this {
    return this.u16(0xc000 | offset);
  }

  /** Overwrites a 16-bit field written earlier. */
  patch16(at: number, value: number): this {
    this.parts[at] = (value >>> 8) & 0xff;
    this.parts[at + 1] = value & 0xff;
    return this;
  }

  /** The message. */
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Labels in presentation form: dots and backslashes escaped, other non-printables as \DDD. */
export function labelsToName(labels: readonly string[]): string {
  return labels
    .map((label) =>
      label.replace(/[^\x21-\x7e]|[.\\]/g, (ch) => {
        const code = ch.charCodeAt(0);
        if (ch === "." || ch === "\\") return `\\${ch}`;
        return `\\${String(code).padStart(3, "0")}`;
      }),
    )
    .join(".");
}

/** Splits a plain dotted name (no escapes) into labels; a trailing dot is ignored. */
export function nameToLabels(name: string): string[] {
  const trimmed = name.endsWith(".") ? name.slice(0, -1) : name;
  return trimmed === "" ? [] : trimmed.split(".");
}
