import { ImageContentError } from "../errors.js";

/** Size of one tar block. */
export const blockSize = 512;

/** Entry kinds of a tar stream, after pax and GNU long-name records have been folded in. */
export type TarEntryType = "file" | "hardlink" | "symlink" | "char" | "block" | "directory" | "fifo";

/** Header record kinds that describe the next entry rather than being entries themselves. */
export type TarMetaType = "pax" | "pax-global" | "gnu-longname" | "gnu-longlink";

/** One parsed 512-byte header, before pax overrides. */
export interface TarHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  type: TarEntryType | TarMetaType;
  linkname: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
}

const typeFlags: Record<string, TarEntryType | TarMetaType> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "hardlink",
  "2": "symlink",
  "3": "char",
  "4": "block",
  "5": "directory",
  "6": "fifo",
  x: "pax",
  g: "pax-global",
  L: "gnu-longname",
  K: "gnu-longlink",
};

/** Text of a NUL-terminated field. */
export function readString(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString("utf8");
}

/** A numeric field: octal text (NUL/space padded) or GNU base-256 (high bit set). */
export function readNumber(block: Uint8Array, offset: number, length: number): number {
  const field = block.subarray(offset, offset + length);
  const first = field[0] ?? 0;
  if (first & 0x80) {
    if (first & 0x40) throw new ImageContentError("tar header has a negative base-256 number");
    let value = first & 0x3f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw new ImageContentError("tar header number is too large");
    return value;
  }
  const text = Buffer.from(field)
    .toString("latin1")
    .replace(/[\0 ]+$/, "")
    .trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new ImageContentError(`tar header has a bad octal number "${text}"`);
  return Number.parseInt(text, 8);
}

/** True when a block is all zeros (the end-of-archive marker). */
export function isZeroBlock(block: Uint8Array): boolean {
  return block.every((byte) => byte === 0);
}

/** Checksum of a header block with its checksum field counted as spaces (unsigned and signed). */
export function headerChecksums(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < blockSize; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return { unsigned, signed };
}

/** Parses one header block; throws on a bad checksum or an unsupported entry type. */
export function parseHeader(block: Uint8Array): TarHeader {
  if (block.length !== blockSize) throw new ImageContentError("tar header block is truncated");
  const expected = readNumber(block, 148, 8);
  const sums = headerChecksums(block);
  if (expected !== sums.unsigned && expected !== sums.signed) {
    throw new ImageContentError("tar header checksum mismatch (not a tar stream, or corrupt)");
  }
  const flag = String.fromCharCode(block[156] ?? 0);
  const type = typeFlags[flag];
  if (type === undefined) throw new ImageContentError(`tar entry type "${flag}" is not supported`);
  const magic = readString(block, 257, 6);
  const version = readString(block, 263, 2);
  const isGnu = magic === "ustar " && version === " ";
  const prefix = magic === "ustar" && !isGnu ? readString(block, 345, 155) : "";
  const name = readString(block, 0, 100);
  return {
    name: prefix === "" ? name : `${prefix}/${name}`,
    mode: readNumber(block, 100, 8) & 0o7777,
    uid: readNumber(block, 108, 8),
    gid: readNumber(block, 116, 8),
    size: readNumber(block, 124, 12),
    mtime: readNumber(block, 136, 12),
    type,
    linkname: readString(block, 157, 100),
    uname: readString(block, 265, 32),
    gname: readString(block, 297, 32),
    devmajor: readNumber(block, 329, 8),
    devminor: readNumber(block, 337, 8),
  };
}

/** Bytes of padding after a body of `size` bytes. */
export function paddingFor(size: number): number {
  return (blockSize - (size % blockSize)) % blockSize;
}
