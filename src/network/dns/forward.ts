// Forwarding of queries the engine cannot answer: one fresh socket per query and upstream, a random
// id on the wire (checked on the reply), the reply relayed verbatim with the client's id put back.
import { randomInt } from "node:crypto";
import { createSocket } from "node:dgram";
import { connect } from "node:net";
import { ipv4Bytes, messageId, withMessageId } from "./codec.js";
import { frameMessage, TcpFramer } from "./tcp-framing.js";
import { HEADER_SIZE, Rcode } from "./wire.js";

/** One upstream name server. */
export interface Upstream {
  host: string;
  port: number;
}

/** The transport a query came in on, and goes out on. */
export type DnsTransport = "udp" | "tcp";

/** Parses `ip` or `ip:port` (IPv4 only); undefined for anything else. */
export function parseUpstream(text: string): Upstream | undefined {
  const match = /^([0-9.]+)(?::([0-9]{1,5}))?$/.exec(text.trim());
  if (match === null || match[1] === undefined || ipv4Bytes(match[1]) === undefined) return undefined;
  const port = match[2] === undefined ? 53 : Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1], port };
}

/** `ip:port` of an upstream, for messages. */
export function formatUpstream(upstream: Upstream): string {
  return `${upstream.host}:${upstream.port}`;
}

function isReplyTo(reply: Uint8Array, id: number): boolean {
  return reply.length >= HEADER_SIZE && messageId(reply) === id && ((reply[2] ?? 0) & 0x80) !== 0;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("aborted");
}

/** Input of `exchange`. */
export interface ExchangeInput {
  message: Uint8Array;
  upstream: Upstream;
  transport: DnsTransport;
  signal: AbortSignal;
}

/** Sends one message to one upstream and resolves with its reply (same id, QR set); rejects on error or abort. */
export function exchange(input: ExchangeInput): Promise<Uint8Array> {
  const { signal } = input;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return input.transport === "udp" ? exchangeUdp(input) : exchangeTcp(input);
}

function exchangeUdp({ message, upstream, signal }: ExchangeInput): Promise<Uint8Array> {
  const id = messageId(message) ?? 0;
  const socket = createSocket("udp4");
  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, reply?: Uint8Array): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      try {
        socket.close();
      } catch {
        // already closed by an error
      }
      if (reply !== undefined) resolve(reply);
      else reject(error ?? new Error("no reply"));
    };
    const onAbort = (): void => finish(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.on("error", (error) => finish(error));
    socket.on("message", (reply) => {
      const bytes = new Uint8Array(reply);
      if (isReplyTo(bytes, id)) finish(undefined, bytes);
    });
    // connect(): the kernel drops datagrams from any other source address and port.
    socket.connect(upstream.port, upstream.host, () => {
      socket.send(message, (error) => {
        if (error) finish(error);
      });
    });
  });
}

function exchangeTcp({ message, upstream, signal }: ExchangeInput): Promise<Uint8Array> {
  const id = messageId(message) ?? 0;
  const socket = connect({ host: upstream.host, port: upstream.port });
  const framer = new TcpFramer();
  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, reply?: Uint8Array): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (reply !== undefined) resolve(reply);
      else reject(error ?? new Error("no reply"));
    };
    const onAbort = (): void => finish(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.on("error", (error) => finish(error));
    socket.on("close", () => finish(new Error(`${formatUpstream(upstream)} closed the connection`)));
    socket.on("connect", () => socket.write(frameMessage(message)));
    socket.on("data", (chunk: Buffer) => {
      for (const reply of framer.push(new Uint8Array(chunk))) {
        if (isReplyTo(reply, id)) finish(undefined, reply);
      }
    });
  });
}

/** Input of `forwardQuery`. */
export interface ForwardInput {
  /** The client's query as received. */
  query: Uint8Array;
  upstreams: readonly Upstream[];
  transport: DnsTransport;
  /** Budget per upstream. */
  timeoutMs: number;
  /** Aborts everything (the listener closed). */
  signal: AbortSignal;
  log?: (message: string) => void;
}

/**
 * Tries the upstreams in order; returns the first usable reply (the last SERVFAIL/REFUSED one when
 * none is better) with the client's id, or undefined when none answered.
 */
export async function forwardQuery(input: ForwardInput): Promise<Uint8Array | undefined> {
  const clientId = messageId(input.query) ?? 0;
  let last: Uint8Array | undefined;
  for (const upstream of input.upstreams) {
    if (input.signal.aborted) break;
    const message = withMessageId(input.query, randomInt(0, 0x10000));
    const signal = AbortSignal.any([input.signal, AbortSignal.timeout(input.timeoutMs)]);
    try {
      const reply = await exchange({ message, upstream, transport: input.transport, signal });
      last = withMessageId(reply, clientId);
      const rcode = (reply[3] ?? 0) & 0x0f;
      if (rcode !== Rcode.SERVFAIL && rcode !== Rcode.REFUSED) return last;
      input.log?.(`dns: ${formatUpstream(upstream)} answered rcode ${rcode}`);
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      input.log?.(`dns: forwarding over ${input.transport} to ${formatUpstream(upstream)} failed: ${reason}`);
    }
  }
  return last;
}
