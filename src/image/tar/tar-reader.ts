import { ImageContentError } from "../errors.js";
import { ByteReader } from "./byte-reader.js";
import { type PaxRecords, parsePax, paxNumber, paxString, paxXattrs } from "./pax.js";
import {
  blockSize,
  isZeroBlock,
  paddingFor,
  parseHeader,
  type TarEntryType,
  type TarHeader,
} from "./tar-header.js";

/** One tar entry with pax and GNU long names folded in. */
export interface TarEntry {
  name: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Seconds since the epoch, maybe fractional (pax). */
  mtime: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from `SCHILY.xattr.*` pax records. */
  xattrs: Map<string, Buffer>;
}

/** An entry plus its body; the body must be read before the next entry, or it is skipped. */
export interface TarItem {
  entry: TarEntry;
  body: AsyncIterable<Buffer>;
}

const maxMetaSize = 1024 * 1024;

async function readBody(reader: ByteReader, size: number, what: string): Promise<Buffer> {
  if (size > maxMetaSize) throw new ImageContentError(`tar ${what} record is too large (${size} bytes)`);
  const data = await reader.read(size);
  if (data.length < size) throw new ImageContentError(`tar stream ends inside a ${what} record`);
  await reader.skip(paddingFor(size));
  return data;
}

function nulTrimmed(data: Buffer): string {
  const end = data.indexOf(0);
  return data.toString("utf8", 0, end === -1 ? data.length : end);
}

function fold(header: TarHeader, pax: PaxRecords, longName?: string, longLink?: string): TarEntry {
  let type = header.type as TarEntryType;
  const name = paxString(pax, "path") ?? longName ?? header.name;
  if (type === "file" && name.endsWith("/")) type = "directory";
  return {
    name,
    type,
    mode: header.mode,
    uid: paxNumber(pax, "uid") ?? header.uid,
    gid: paxNumber(pax, "gid") ?? header.gid,
    size: paxNumber(pax, "size") ?? header.size,
    mtime: paxNumber(pax, "mtime") ?? header.mtime,
    linkname: paxString(pax, "linkpath") ?? longLink ?? header.linkname,
    devmajor: header.devmajor,
    devminor: header.devminor,
    xattrs: paxXattrs(pax),
  };
}

async function* entryBody(reader: ByteReader, state: { left: number }): AsyncGenerator<Buffer> {
  while (state.left > 0) {
    const part = await reader.chunk(Math.min(state.left, 256 * 1024));
    if (part === undefined) throw new ImageContentError("tar stream ends inside an entry body");
    state.left -= part.length;
    yield part;
  }
}

/** Streams the entries of an uncompressed tar (ustar, pax, GNU long names); reads the stream to its end. */
export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarItem> {
  const reader = new ByteReader(source);
  let globalPax: PaxRecords = new Map();
  let localPax: PaxRecords = new Map();
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await reader.read(blockSize);
    if (block.length === 0) break;
    if (block.length < blockSize) throw new ImageContentError("tar stream ends inside a header");
    if (isZeroBlock(block)) break;
    const header = parseHeader(block);
    switch (header.type) {
      case "pax":
        localPax = parsePax(await readBody(reader, header.size, "pax"));
        continue;
      case "pax-global":
        globalPax = new Map([...globalPax, ...parsePax(await readBody(reader, header.size, "pax"))]);
        continue;
      case "gnu-longname":
        longName = nulTrimmed(await readBody(reader, header.size, "GNU long name"));
        continue;
      case "gnu-longlink":
        longLink = nulTrimmed(await readBody(reader, header.size, "GNU long link"));
        continue;
    }
    const entry = fold(header, new Map([...globalPax, ...localPax]), longName, longLink);
    localPax = new Map();
    longName = undefined;
    longLink = undefined;
    const hasBody = entry.type === "file";
    const state = { left: hasBody ? entry.size : 0 };
    yield { entry, body: entryBody(reader, state) };
    if (state.left > 0) {
      const skipped = await reader.skip(state.left);
      if (skipped < state.left) throw new ImageContentError("tar stream ends inside an entry body");
    }
    if (hasBody) await reader.skip(paddingFor(entry.size));
  }
  await reader.drain();
}
