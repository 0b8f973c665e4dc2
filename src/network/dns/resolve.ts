// What the embedded DNS answers by itself (Docker's semantics), decided purely from one decoded query
// and the engine's lookup callbacks; everything else is forwarded.
import { type AnswerRecord, type DnsQuery, encodeResponse, ipv4Bytes } from "./codec.js";
import { CLASS_IN, DnsType, labelsToName, nameToLabels, Rcode } from "./wire.js";

/** What the engine knows of a name: `known && addresses.length === 0` → NOERROR with no records. */
export interface DnsAnswer {
  known: boolean;
  addresses: readonly string[];
}

/** Who asks whom: the listening address and the client's address. */
export interface DnsPeers {
  serverIp: string;
  clientIp: string;
}

/** Name → addresses, for a name without trailing dot, lower-cased. */
export type DnsLookup = (q: DnsPeers & { name: string }) => DnsAnswer;

/** Container IP → its name (for PTR), or undefined when the IP is not one of ours. */
export type DnsReverse = (q: DnsPeers & { ip: string }) => string | undefined;

/** TTL of local answers, as Docker's embedded DNS gives. */
export const LOCAL_TTL = 600;

/** The decision for one query: ready answer bytes, or forward it to the upstreams. */
export type Resolution = { kind: "answer"; bytes: Uint8Array } | { kind: "forward"; reason: string };

/** The lookup form of a question's labels: presentation form, ASCII lower-cased (DNS names are case-insensitive). */
export function lookupName(labels: readonly string[]): string {
  return labelsToName(labels).replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/** The IPv4 address of a `d.c.b.a.in-addr.arpa` name, or undefined for any other name. */
export function ptrNameToIp(name: string): string | undefined {
  const match = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.in-addr\.arpa\.?$/i.exec(name);
  if (match === null) return undefined;
  const ip = [match[4], match[3], match[2], match[1]].join(".");
  return ipv4Bytes(ip) === undefined ? undefined : ip;
}

/** The `in-addr.arpa` name of an IPv4 address. */
export function ipToPtrName(ip: string): string {
  return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
}

/** Rotates the address order per query and name, so successive answers spread clients (round robin). */
export class RoundRobin {
  private readonly turns = new Map<string, number>();
  constructor(private readonly maxNames = 4096) {}

  /** The addresses rotated by how many times this name was asked before. */
  next(name: string, addresses: readonly string[]): string[] {
    const turn = this.turns.get(name) ?? 0;
    if (this.turns.size >= this.maxNames && !this.turns.has(name)) this.turns.clear();
    this.turns.set(name, (turn + 1) % 0x7fffffff);
    if (addresses.length < 2) return [...addresses];
    const shift = turn % addresses.length;
    return [...addresses.slice(shift), ...addresses.slice(0, shift)];
  }
}

/** Input of `resolveLocally`. */
export interface ResolveInput {
  query: DnsQuery;
  peers: DnsPeers;
  lookup: DnsLookup;
  reverse?: DnsReverse;
  roundRobin: RoundRobin;
  /** Largest answer the transport allows (see `udpLimit`). */
  maxSize: number;
}

function answer(input: ResolveInput, answers: readonly AnswerRecord[]): Resolution {
  const bytes = encodeResponse({
    query: input.query,
    rcode: Rcode.NOERROR,
    answers,
    authoritative: true,
    maxSize: input.maxSize,
  });
  return { kind: "answer", bytes };
}

function reverseAnswer(input: ResolveInput, name: string): Resolution | undefined {
  const ip = ptrNameToIp(name);
  if (ip === undefined || input.reverse === undefined) return undefined;
  const target = input.reverse({ ...input.peers, ip });
  if (target === undefined) return undefined;
  const labels = nameToLabels(target);
  if (labels.some((label) => label.length === 0 || label.length > 63)) return undefined;
  return answer(input, [{ type: "PTR", labels, ttl: LOCAL_TTL }]);
}

/** Answers a query from the engine's names, or says to forward it. Callbacks may throw: callers answer SERVFAIL. */
export function resolveLocally(input: ResolveInput): Resolution {
  const { question } = input.query;
  if (question.class !== CLASS_IN) return { kind: "forward", reason: `class ${question.class}` };
  const name = lookupName(question.labels);
  if (question.type === DnsType.PTR) {
    const reversed = reverseAnswer(input, name);
    if (reversed !== undefined) return reversed;
  }
  const found = input.lookup({ ...input.peers, name });
  if (!found.known) return { kind: "forward", reason: `unknown name ${name}` };
  if (question.type !== DnsType.A) return answer(input, []);
  const addresses = found.addresses.filter((address) => ipv4Bytes(address) !== undefined);
  const ordered = input.roundRobin.next(name, addresses);
  return answer(
    input,
    ordered.map((address) => ({ type: "A", address, ttl: LOCAL_TTL })),
  );
}
