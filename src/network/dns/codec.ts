// Pure DNS message codec: whole messages in and out. `decodeQuery` never throws: a malformed query
// becomes a ready FORMERR/NOTIMP answer or is dropped when not even a header can be read.
import {
  CLASS_IN,
  DnsType,
  HEADER_SIZE,
  labelsToName,
  Rcode,
  WireError,
  WireReader,
  WireWriter,
} from "./wire.js";

/** The header fields of a message. */
export interface DnsHeader {
  id: number;
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  checkingDisabled: boolean;
  rcode: number;
}

/** One question; `labels` keep the bytes as sent (case included), `name` is their presentation form. */
export interface DnsQuestion {
  labels: readonly string[];
  name: string;
  type: number;
  class: number;
}

/** One resource record with raw RDATA. */
export interface DnsRecord extends DnsQuestion {
  ttl: number;
  data: Uint8Array;
}

/** The EDNS(0) pseudo-record of a message (RFC 6891). */
export interface DnsEdns {
  udpSize: number;
  version: number;
  dnssecOk: boolean;
}

/** A whole decoded message. */
export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
}

/** A query berth can act on: exactly one question, opcode QUERY. */
export interface DnsQuery {
  id: number;
  opcode: number;
  recursionDesired: boolean;
  checkingDisabled: boolean;
  question: DnsQuestion;
  edns?: DnsEdns;
}

/** What to do with received bytes: act on a query, send a ready error answer, or ignore them. */
export type QueryDecode =
  | { kind: "query"; query: DnsQuery }
  | { kind: "reply"; bytes: Uint8Array; reason: string }
  | { kind: "drop"; reason: string };

/** One record of a local answer. */
export type AnswerRecord =
  | { type: "A"; address: string; ttl: number }
  | { type: "PTR"; labels: readonly string[]; ttl: number };

/** The UDP payload size berth advertises in its own OPT records. */
export const EDNS_UDP_SIZE = 4096;
/** The largest UDP answer allowed to a client without EDNS. */
export const CLASSIC_UDP_SIZE = 512;
const OPT_SIZE = 11;

function readHeader(reader: WireReader): DnsHeader {
  const id = reader.u16();
  const flags = reader.u16();
  return {
    id,
    response: (flags & 0x8000) !== 0,
    opcode: (flags >>> 11) & 0x0f,
    authoritative: (flags & 0x0400) !== 0,
    truncated: (flags & 0x0200) !== 0,
    recursionDesired: (flags & 0x0100) !== 0,
    recursionAvailable: (flags & 0x0080) !== 0,
    checkingDisabled: (flags & 0x0010) !== 0,
    rcode: flags & 0x0f,
  };
}

function readQuestion(reader: WireReader): DnsQuestion {
  const labels = reader.name();
  return { labels, name: labelsToName(labels), type: reader.u16(), class: reader.u16() };
}

function readRecord(reader: WireReader): DnsRecord {
  const question = readQuestion(reader);
  const ttl = reader.u32();
  const data = reader.take(reader.u16());
  return { ...question, ttl, data };
}

/** Decodes a whole message; throws WireError when it is malformed or truncated. */
export function decodeMessage(bytes: Uint8Array): DnsMessage {
  const reader = new WireReader(bytes);
  const header = readHeader(reader);
  const counts = [reader.u16(), reader.u16(), reader.u16(), reader.u16()] as const;
  const questions = Array.from({ length: counts[0] }, () => readQuestion(reader));
  const answers = Array.from({ length: counts[1] }, () => readRecord(reader));
  const authorities = Array.from({ length: counts[2] }, () => readRecord(reader));
  const additionals = Array.from({ length: counts[3] }, () => readRecord(reader));
  return { header, questions, answers, authorities, additionals };
}

/** The message id of any bytes with at least two of them. */
export function messageId(bytes: Uint8Array): number | undefined {
  return bytes.length < 2 ? undefined : ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
}

/** A copy of a message with another id. */
export function withMessageId(bytes: Uint8Array, id: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  if (copy.length >= 2) {
    copy[0] = (id >>> 8) & 0xff;
    copy[1] = id & 0xff;
  }
  return copy;
}

function ednsOf(additionals: readonly DnsRecord[]): DnsEdns | undefined | "bad" {
  const opts = additionals.filter((record) => record.type === DnsType.OPT);
  if (opts.length === 0) return undefined;
  const opt = opts[0];
  if (opts.length > 1 || opt === undefined || opt.labels.length > 0) return "bad";
  return { udpSize: opt.class, version: (opt.ttl >>> 16) & 0xff, dnssecOk: (opt.ttl & 0x8000) !== 0 };
}

/** Decodes received bytes as a query; never throws. */
export function decodeQuery(bytes: Uint8Array): QueryDecode {
  if (bytes.length < HEADER_SIZE) return { kind: "drop", reason: `only ${bytes.length} bytes` };
  const header = readHeader(new WireReader(bytes));
  if (header.response) return { kind: "drop", reason: "a response, not a query" };
  const fail = (rcode: number, reason: string, question?: DnsQuestion): QueryDecode => ({
    kind: "reply",
    reason,
    bytes: encodeBare({ header, rcode, ...(question === undefined ? {} : { question }) }),
  });
  let message: DnsMessage;
  try {
    message = decodeMessage(bytes);
  } catch (error: unknown) {
    return fail(Rcode.FORMERR, error instanceof Error ? error.message : String(error));
  }
  const [question, ...more] = message.questions;
  if (header.opcode !== 0) return fail(Rcode.NOTIMP, `opcode ${header.opcode}`, question);
  if (question === undefined || more.length > 0) {
    return fail(Rcode.FORMERR, `${message.questions.length} questions`);
  }
  const edns = ednsOf(message.additionals);
  if (edns === "bad") return fail(Rcode.FORMERR, "bad OPT record", question);
  const query: DnsQuery = {
    id: header.id,
    opcode: header.opcode,
    recursionDesired: header.recursionDesired,
    checkingDisabled: header.checkingDisabled,
    question,
    ...(edns === undefined ? {} : { edns }),
  };
  return { kind: "query", query };
}

function flagsOf(input: { header: Pick<DnsHeader, "opcode" | "recursionDesired">; rcode: number }): number {
  return (
    0x8000 |
    ((input.header.opcode & 0x0f) << 11) |
    (input.header.recursionDesired ? 0x0100 : 0) |
    0x0080 |
    input.rcode
  );
}

/** An answer with no records (FORMERR, NOTIMP…), echoing the question when there is one. */
function encodeBare(input: { header: DnsHeader; rcode: number; question?: DnsQuestion }): Uint8Array {
  const writer = new WireWriter().u16(input.header.id).u16(flagsOf(input));
  writer
    .u16(input.question === undefined ? 0 : 1)
    .u16(0)
    .u16(0)
    .u16(0);
  if (input.question !== undefined) {
    writer.name(input.question.labels).u16(input.question.type).u16(input.question.class);
  }
  return writer.finish();
}

/** Largest UDP answer a query allows (512 without EDNS, the advertised size up to ours with it). */
export function udpLimit(query: DnsQuery): number {
  if (query.edns === undefined) return CLASSIC_UDP_SIZE;
  return Math.min(Math.max(query.edns.udpSize, CLASSIC_UDP_SIZE), EDNS_UDP_SIZE);
}

/** Four address bytes of a dotted IPv4 address, or undefined when it is not one. */
export function ipv4Bytes(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (
    parts.length !== 4 ||
    !parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)
  ) {
    return undefined;
  }
  return Uint8Array.from(parts.map(Number));
}

function recordBytes(record: AnswerRecord): Uint8Array {
  // Owner name: a pointer to the question's name, which always starts right after the header.
  const writer = new WireWriter().pointer(HEADER_SIZE);
  if (record.type === "A") {
    const address = ipv4Bytes(record.address);
    if (address === undefined) throw new WireError(`not an IPv4 address: ${record.address}`);
    writer.u16(DnsType.A).u16(CLASS_IN).u32(record.ttl).u16(4).bytes(address);
  } else {
    const target = new WireWriter().name(record.labels).finish();
    writer.u16(DnsType.PTR).u16(CLASS_IN).u32(record.ttl).u16(target.length).bytes(target);
  }
  return writer.finish();
}

/** Input of `encodeResponse`. */
export interface ResponseInput {
  query: DnsQuery;
  rcode: number;
  answers?: readonly AnswerRecord[];
  authoritative?: boolean;
  /** Largest message allowed; records that do not fit are left out and TC is set. Default: no limit. */
  maxSize?: number;
}

/** Encodes an answer to a query: its question echoed byte for byte, the records, an OPT when it had one. */
export function encodeResponse(input: ResponseInput): Uint8Array {
  const { query } = input;
  const records = (input.answers ?? []).map(recordBytes);
  const maxSize = input.maxSize ?? Number.POSITIVE_INFINITY;
  const writer = new WireWriter().u16(query.id).u16(0).u16(1).u16(0).u16(0).u16(0);
  writer.name(query.question.labels).u16(query.question.type).u16(query.question.class);
  const reserve = query.edns === undefined ? 0 : OPT_SIZE;
  let count = 0;
  let truncated = false;
  for (const record of records) {
    if (writer.length + record.length + reserve > maxSize) {
      truncated = true;
      break;
    }
    writer.bytes(record);
    count += 1;
  }
  if (query.edns !== undefined) {
    writer.u8(0).u16(DnsType.OPT).u16(EDNS_UDP_SIZE).u32(0).u16(0);
  }
  const flags =
    flagsOf({ header: query, rcode: input.rcode }) |
    (input.authoritative ? 0x0400 : 0) |
    (truncated ? 0x0200 : 0);
  return writer
    .patch16(2, flags | (query.checkingDisabled ? 0x0010 : 0))
    .patch16(6, count)
    .patch16(10, query.edns === undefined ? 0 : 1)
    .finish();
}

/** Input of `encodeQuery` (clients, tests and fake servers). */
export interface QueryInput {
  id: number;
  labels: readonly string[];
  type: number;
  recursionDesired?: boolean;
  edns?: { udpSize: number };
}

/** Encodes a one-question query. */
export function encodeQuery(input: QueryInput): Uint8Array {
  const flags = input.recursionDesired === false ? 0 : 0x0100;
  const writer = new WireWriter().u16(input.id).u16(flags).u16(1).u16(0).u16(0);
  writer.u16(input.edns === undefined ? 0 : 1);
  writer.name(input.labels).u16(input.type).u16(CLASS_IN);
  if (input.edns !== undefined) writer.u8(0).u16(DnsType.OPT).u16(input.edns.udpSize).u32(0).u16(0);
  return writer.finish();
}
