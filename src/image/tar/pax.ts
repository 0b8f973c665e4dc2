import { ImageContentError } from "../errors.js";

/** Pax extended-header records; values stay raw bytes (xattr values are binary). */
export type PaxRecords = Map<string, Buffer>;

/** Parses `"<len> <key>=<value>\n"` records; an empty value means "unset". */
export function parsePax(data: Uint8Array): PaxRecords {
  const records: PaxRecords = new Map();
  const buf = Buffer.from(data);
  let offset = 0;
  while (offset < buf.length) {
    if (buf[offset] === 0) break;
    const space = buf.indexOf(0x20, offset);
    if (space === -1) throw new ImageContentError("malformed pax record (no length)");
    const lengthText = buf.toString("latin1", offset, space);
    const length = Number(lengthText);
    if (!/^[0-9]+$/.test(lengthText) || length <= space - offset || offset + length > buf.length) {
      throw new ImageContentError(`malformed pax record length "${lengthText}"`);
    }
    const record = buf.subarray(space + 1, offset + length);
    if (record.at(-1) !== 0x0a) throw new ImageContentError("malformed pax record (no newline)");
    const equals = record.indexOf(0x3d);
    if (equals <= 0) throw new ImageContentError("malformed pax record (no key)");
    records.set(
      record.toString("utf8", 0, equals),
      Buffer.from(record.subarray(equals + 1, record.length - 1)),
    );
    offset += length;
  }
  return records;
}

/** Xattrs carried as `SCHILY.xattr.<name>` records, sorted by name. */
export function paxXattrs(records: PaxRecords): Map<string, Buffer> {
  const prefix = "SCHILY.xattr.";
  const out = new Map<string, Buffer>();
  for (const key of [...records.keys()].sort()) {
    const value = records.get(key);
    if (key.startsWith(prefix) && value !== undefined) out.set(key.slice(prefix.length), value);
  }
  return out;
}

/** A pax number (decimal, maybe fractional for times); undefined when absent. */
export function paxNumber(records: PaxRecords, key: string): number | undefined {
  const value = records.get(key);
  if (value === undefined || value.length === 0) return undefined;
  const text = value.toString("latin1");
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(text))
    throw new ImageContentError(`pax ${key} is not a number: "${text}"`);
  return Number(text);
}

/** A pax text value; undefined when absent or empty. */
export function paxString(records: PaxRecords, key: string): string | undefined {
  const value = records.get(key);
  return value === undefined || value.length === 0 ? undefined : value.toString("utf8");
}
