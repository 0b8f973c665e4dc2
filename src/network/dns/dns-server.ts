// The engine's embedded DNS server (a host adapter): UDP and TCP on each listening address (a network's
// gateway), answers container names itself and forwards the rest. Timers live here on purpose: a
// forward waits at most `forwardTimeoutMs` per upstream, an idle TCP client at most `tcpIdleMs`.
// Semantics follow Docker's embedded DNS (A with TTL 600, AAAA/other types of a known name → NOERROR
// empty, PTR of container IPs, unknown names forwarded), with two choices of ours: addresses rotate
// per query (Docker shuffles) so answers are deterministic, and no upstream for a client → REFUSED.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createServer, type Server, type Socket } from "node:net";
import { BerthError } from "../../shared/errors.js";
import { decodeQuery, encodeResponse, ipv4Bytes, udpLimit } from "./codec.js";
import { type DnsTransport, forwardQuery, parseUpstream, type Upstream } from "./forward.js";
import { type DnsLookup, type DnsPeers, type DnsReverse, RoundRobin, resolveLocally } from "./resolve.js";
import { frameMessage, MAX_TCP_MESSAGE, TcpFramer } from "./tcp-framing.js";
import { Rcode } from "./wire.js";

/** Options of a `DnsServer`. */
export interface DnsServerOptions {
  lookup: DnsLookup;
  reverse?: DnsReverse;
  /** Upstreams (`ip` or `ip:port`) for a client; [] → queries for unknown names are REFUSED. */
  upstreams: (q: DnsPeers) => readonly string[];
  log?: (message: string) => void;
  /** Wait per upstream before trying the next one (default 4000 ms). */
  forwardTimeoutMs?: number;
  /** An idle TCP client is disconnected after this long (default 30000 ms). */
  tcpIdleMs?: number;
  /** Forwards in flight at once; a query beyond gets SERVFAIL at once (default 1024, as Docker's). */
  maxConcurrentForwards?: number;
}

interface Listener {
  ip: string;
  port: number;
  udp: UdpSocket;
  tcp: Server;
  connections: Set<Socket>;
  abort: AbortController;
}

function bindError(error: unknown, where: string): BerthError {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  const reason = error instanceof Error ? error.message : String(error);
  if (code === "EADDRINUSE") {
    return new BerthError("CONFLICT", `DNS server cannot listen on ${where}: address already in use`, {
      cause: error,
    });
  }
  if (code === "EADDRNOTAVAIL") {
    return new BerthError("INVALID_ARGUMENT", `DNS server cannot listen on ${where}: no such local address`, {
      cause: error,
    });
  }
  return new BerthError("INTERNAL", `DNS server cannot listen on ${where}: ${reason}`, { cause: error });
}

function bindUdp(ip: string, port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    const onError = (error: Error): void => {
      socket.close();
      reject(error);
    };
    socket.once("error", onError);
    socket.bind({ address: ip, port, exclusive: true }, () => {
      socket.off("error", onError);
      resolve(socket);
    });
  });
}

/** Closes a UDP socket; one that an error already closed counts as closed. */
function closeUdp(socket: UdpSocket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

function listenTcp(server: Server, ip: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once("error", onError);
    server.listen({ host: ip, port, exclusive: true }, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** Docker-style embedded DNS: container names from `lookup`, PTR from `reverse`, the rest forwarded. */
export class DnsServer {
  private readonly listeners = new Map<string, Listener>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly roundRobin = new RoundRobin();
  private readonly forwardTimeoutMs: number;
  private readonly tcpIdleMs: number;
  private readonly maxConcurrentForwards: number;
  private forwarding = 0;

  constructor(private readonly options: DnsServerOptions) {
    this.forwardTimeoutMs = options.forwardTimeoutMs ?? 4000;
    this.tcpIdleMs = options.tcpIdleMs ?? 30_000;
    this.maxConcurrentForwards = options.maxConcurrentForwards ?? 1024;
  }

  /** Serves UDP and TCP on ip:port (port 0 picks one free for both); idempotent per ip. */
  async listen(ip: string, port = 53): Promise<void> {
    if (ipv4Bytes(ip) === undefined)
      throw new BerthError("INVALID_ARGUMENT", `DNS server: not an IPv4 address: ${ip}`);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new BerthError("INVALID_ARGUMENT", `DNS server: not a port: ${port}`);
    }
    const existing = this.listeners.get(ip);
    if (existing !== undefined) {
      if (port !== 0 && port !== existing.port) {
        throw new BerthError("CONFLICT", `DNS server already listens on ${ip}:${existing.port}, not ${port}`);
      }
      return;
    }
    const inFlight = this.pending.get(ip);
    if (inFlight !== undefined) return inFlight;
    const started = this.start(ip, port).finally(() => this.pending.delete(ip));
    this.pending.set(ip, started);
    return started;
  }

  /** The port served on ip, when listening there. */
  port(ip: string): number | undefined {
    return this.listeners.get(ip)?.port;
  }

  /** Listening addresses, sorted. */
  listening(): string[] {
    return [...this.listeners.keys()].sort();
  }

  /** Stops serving on ip (in-flight forwards are abandoned); no-op when not listening there. */
  async close(ip: string): Promise<void> {
    await this.pending.get(ip)?.catch(() => undefined);
    const listener = this.listeners.get(ip);
    if (listener === undefined) return;
    this.listeners.delete(ip);
    listener.abort.abort();
    for (const connection of listener.connections) connection.destroy();
    await Promise.all([
      closeUdp(listener.udp),
      new Promise<void>((resolve) => listener.tcp.close(() => resolve())),
    ]);
  }

  /** Stops serving everywhere. */
  async closeAll(): Promise<void> {
    const ips = new Set([...this.listeners.keys(), ...this.pending.keys()]);
    await Promise.all([...ips].map((ip) => this.close(ip)));
  }

  private async start(ip: string, port: number): Promise<void> {
    // Port 0: the kernel picks a free UDP port, and TCP takes the same number (retried if it is taken).
    for (let attempt = 0; ; attempt += 1) {
      let udp: UdpSocket;
      try {
        udp = await bindUdp(ip, port);
      } catch (error: unknown) {
        throw bindError(error, `${ip}:${port} (udp)`);
      }
      const bound = udp.address().port;
      const listener: Listener = {
        ip,
        port: bound,
        udp,
        tcp: createServer(),
        connections: new Set(),
        abort: new AbortController(),
      };
      try {
        await listenTcp(listener.tcp, ip, bound);
      } catch (error: unknown) {
        await closeUdp(udp);
        const retry = port === 0 && attempt < 5 && error instanceof Error && "code" in error;
        if (retry && error.code === "EADDRINUSE") continue;
        throw bindError(error, `${ip}:${bound} (tcp)`);
      }
      this.wire(listener);
      this.listeners.set(ip, listener);
      return;
    }
  }

  private wire(listener: Listener): void {
    const { udp, tcp } = listener;
    udp.on("error", (error) => this.log(`dns: udp ${listener.ip}: ${error.message}`));
    udp.on("message", (message, remote) => {
      const peers = { serverIp: listener.ip, clientIp: remote.address };
      void this.handle(new Uint8Array(message), { peers, transport: "udp", listener }).then((reply) => {
        if (reply === undefined || listener.abort.signal.aborted) return;
        udp.send(reply, remote.port, remote.address, (error) => {
          if (error) this.log(`dns: reply to ${remote.address}:${remote.port}: ${error.message}`);
        });
      });
    });
    tcp.on("error", (error) => this.log(`dns: tcp ${listener.ip}: ${error.message}`));
    tcp.on("connection", (socket) => this.serveTcp(listener, socket));
  }

  private serveTcp(listener: Listener, socket: Socket): void {
    listener.connections.add(socket);
    const framer = new TcpFramer();
    const peers = { serverIp: listener.ip, clientIp: socket.remoteAddress ?? "" };
    socket.setTimeout(this.tcpIdleMs, () => socket.destroy());
    socket.on("error", (error) => this.log(`dns: tcp client ${peers.clientIp}: ${error.message}`));
    socket.on("close", () => listener.connections.delete(socket));
    socket.on("data", (chunk: Buffer) => {
      for (const message of framer.push(new Uint8Array(chunk))) {
        void this.handle(message, { peers, transport: "tcp", listener }).then((reply) => {
          if (reply === undefined || socket.destroyed) return;
          socket.write(frameMessage(reply));
        });
      }
    });
  }

  /** The reply to one received message, or undefined to stay silent. Never rejects. */
  private async handle(
    bytes: Uint8Array,
    context: { peers: DnsPeers; transport: DnsTransport; listener: Listener },
  ): Promise<Uint8Array | undefined> {
    const decoded = decodeQuery(bytes);
    if (decoded.kind === "drop") return undefined;
    if (decoded.kind === "reply") return decoded.bytes;
    const { query } = decoded;
    const maxSize = context.transport === "udp" ? udpLimit(query) : MAX_TCP_MESSAGE;
    const fail = (rcode: number): Uint8Array => encodeResponse({ query, rcode, maxSize });
    try {
      const local = resolveLocally({
        query,
        peers: context.peers,
        lookup: this.options.lookup,
        ...(this.options.reverse === undefined ? {} : { reverse: this.options.reverse }),
        roundRobin: this.roundRobin,
        maxSize,
      });
      if (local.kind === "answer") return local.bytes;
      const upstreams = this.upstreamsFor(context.peers);
      if (upstreams.length === 0) return fail(Rcode.REFUSED);
      if (this.forwarding >= this.maxConcurrentForwards) {
        this.log(
          `dns: more than ${this.maxConcurrentForwards} forwards in flight, ${local.reason}: SERVFAIL`,
        );
        return fail(Rcode.SERVFAIL);
      }
      this.forwarding += 1;
      try {
        const reply = await forwardQuery({
          query: bytes,
          upstreams,
          transport: context.transport,
          timeoutMs: this.forwardTimeoutMs,
          signal: context.listener.abort.signal,
          ...(this.options.log === undefined ? {} : { log: this.options.log }),
        });
        return reply ?? fail(Rcode.SERVFAIL);
      } finally {
        this.forwarding -= 1;
      }
    } catch (error: unknown) {
      this.log(`dns: ${query.question.name}: ${error instanceof Error ? error.message : String(error)}`);
      return fail(Rcode.SERVFAIL);
    }
  }

  private upstreamsFor(peers: DnsPeers): Upstream[] {
    const upstreams: Upstream[] = [];
    for (const text of this.options.upstreams(peers)) {
      const upstream = parseUpstream(text);
      if (upstream === undefined) this.log(`dns: ignoring upstream ${JSON.stringify(text)}`);
      // Never forward to one of our own listeners: that would loop until every hop timed out.
      else if (this.listeners.get(upstream.host)?.port === upstream.port)
        this.log(`dns: ignoring upstream ${text} (ourselves)`);
      else upstreams.push(upstream);
    }
    return upstreams;
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}
