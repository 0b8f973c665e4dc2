import { blockSize, paddingFor, type TarEntryType } from "./tar-header.js";

/** What to write for one entry; a pax record is added when names, links or xattrs need it. */
export interface TarWriteEntry {
  name: string;
  type: TarEntryType;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** Size of the body that follows (files only); defaults to `data`'s length. */
  size?: number;
  xattrs?: Readonly<Record<string, string | Uint8Array>>;
  data?: Uint8Array;
}

const typeFlag: Record<TarEntryType, string> = {
  file: "0",
  hardlink: "1",
  symlink: "2",
  char: "3",
  block: "4",
  directory: "5",
  fifo: "6",
};

/** Raw header fields, for writing one 512-byte ustar block (typeflag as a character). */
export interface RawHeaderFields {
  name: string;
  flag: string;
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  mtime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
}

function putString(block: Buffer, offset: number, length: number, text: string): void {
  Buffer.from(text, "utf8").copy(block, offset, 0, length);
}

function putOctal(block: Buffer, offset: number, length: number, value: number): void {
  putString(block, offset, length - 1, value.toString(8).padStart(length - 1, "0"));
}

/** One ustar header block with a valid checksum. */
export function encodeHeader(fields: RawHeaderFields): Buffer {
  const block = Buffer.alloc(blockSize);
  putString(block, 0, 100, fields.name);
  putOctal(block, 100, 8, fields.mode ?? 0o644);
  putOctal(block, 108, 8, fields.uid ?? 0);
  putOctal(block, 116, 8, fields.gid ?? 0);
  putOctal(block, 124, 12, fields.size ?? 0);
  putOctal(block, 136, 12, Math.floor(fields.mtime ?? 0));
  block.fill(0x20, 148, 156);
  putString(block, 156, 1, fields.flag);
  putString(block, 157, 100, fields.linkname ?? "");
  putString(block, 257, 8, "ustar\u000000");
  putOctal(block, 329, 8, fields.devmajor ?? 0);
  putOctal(block, 337, 8, fields.devminor ?? 0);
  let sum = 0;
  for (const byte of block) sum += byte;
  putString(block, 148, 8, `${sum.toString(8).padStart(6, "0")}\u0000 `);
  return block;
}

/** One pax record, `"<len> key=value\n"`, with the self-inclusive length. */
export function paxRecord(key: string, value: string | Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), Buffer.from(value), Buffer.from("\n")]);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return Buffer.concat([Buffer.from(String(length)), body]);
}

/** Body padded to whole blocks. */
export function padded(data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(data), Buffer.alloc(paddingFor(data.length))]);
}

/** Header blocks of an entry (a pax header first when needed); the body is written by the caller. */
export function encodeEntryHeader(entry: TarWriteEntry): Buffer {
  const size = entry.type === "file" ? (entry.size ?? entry.data?.length ?? 0) : 0;
  const records: Buffer[] = [];
  const linkname = entry.linkname ?? "";
  if (Buffer.byteLength(entry.name) > 100) records.push(paxRecord("path", entry.name));
  if (Buffer.byteLength(linkname) > 100) records.push(paxRecord("linkpath", linkname));
  for (const [key, value] of Object.entries(entry.xattrs ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    records.push(paxRecord(`SCHILY.xattr.${key}`, value));
  }
  const main = encodeHeader({
    name: entry.name.slice(0, 100),
    flag: typeFlag[entry.type],
    mode: entry.mode ?? (entry.type === "directory" ? 0o755 : 0o644),
    uid: entry.uid ?? 0,
    gid: entry.gid ?? 0,
    size,
    mtime: entry.mtime ?? 0,
    linkname: linkname.slice(0, 100),
    devmajor: entry.devmajor ?? 0,
    devminor: entry.devminor ?? 0,
  });
  if (records.length === 0) return main;
  const pax = Buffer.concat(records);
  const paxHeader = encodeHeader({ name: "PaxHeader", flag: "x", size: pax.length });
  return Buffer.concat([paxHeader, padded(pax), main]);
}

/** A whole uncompressed tar of in-memory entries, with the end-of-archive marker. */
export function tarArchive(entries: readonly TarWriteEntry[]): Buffer {
  const parts = entries.flatMap((entry) => {
    const data = entry.type === "file" ? (entry.data ?? new Uint8Array()) : new Uint8Array();
    return [encodeEntryHeader(entry), padded(data)];
  });
  return Buffer.concat([...parts, Buffer.alloc(blockSize * 2)]);
}
