// Test peers of the embedded DNS server: a tiny client (UDP and TCP) and a fake upstream name server.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, createServer, type Server } from "node:net";
import {
  type DnsMessage,
  decodeMessage,
  decodeQuery,
  encodeResponse,
} from "../../../../src/network/dns/codec.js";
import { frameMessage, TcpFramer } from "../../../../src/network/dns/tcp-framing.js";
import { Rcode } from "../../../../src/network/dns/wire.js";

/** Where a server listens. */
export interface Address {
  host: string;
  port: number;
}

/** Sends one UDP message and resolves with the first datagram that comes back (rejects after `waitMs`). */
export function askUdp(to: Address, message: Uint8Array, waitMs = 10_000): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    const timer = setTimeout(() => done(new Error(`no UDP answer from ${to.host}:${to.port}`)), waitMs);
    const done = (error: Error | undefined, reply?: Uint8Array): void => {
      clearTimeout(timer);
      socket.close();
      if (reply) resolve(reply);
      else reject(error);
    };
    socket.on("error", (error) => done(error));
    socket.on("message", (reply) => done(undefined, new Uint8Array(reply)));
    socket.send(message, to.port, to.host);
  });
}

/** Sends UDP messages in order from one socket and collects `count` answers in arrival order. */
export function askUdpMany(
  to: Address,
  messages: readonly Uint8Array[],
  count: number,
): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    const replies: Uint8Array[] = [];
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`${replies.length} of ${count} UDP answers`));
    }, 10_000);
    socket.on("message", (reply) => {
      replies.push(new Uint8Array(reply));
      if (replies.length === count) {
        clearTimeout(timer);
        socket.close();
        resolve(replies);
      }
    });
    socket.bind(0, "127.0.0.1", () => {
      const sendNext = (index: number): void => {
        const message = messages[index];
        if (message !== undefined) socket.send(message, to.port, to.host, () => sendNext(index + 1));
      };
      sendNext(0);
    });
  });
}

/** Sends messages over one TCP connection and resolves with `count` answers in arrival order. */
export function askTcp(
  to: Address,
  messages: readonly Uint8Array[],
  count = messages.length,
): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: to.host, port: to.port });
    const framer = new TcpFramer();
    const replies: Uint8Array[] = [];
    const timer = setTimeout(() => done(new Error(`${replies.length} of ${count} TCP answers`)), 10_000);
    const done = (error?: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(replies);
    };
    socket.on("error", (error) => done(error));
    socket.on("connect", () => {
      // Write all messages in one chunk, split in two at an odd place, to exercise the server's framing.
      const stream = Buffer.concat(messages.map((m) => frameMessage(m)));
      const cut = Math.floor(stream.length / 2) + 1;
      socket.write(stream.subarray(0, cut));
      socket.write(stream.subarray(cut));
    });
    socket.on("data", (chunk: Buffer) => {
      replies.push(...framer.push(new Uint8Array(chunk)));
      if (replies.length >= count) done();
    });
  });
}

/** Decodes an answer, failing the test on garbage. */
export function decoded(bytes: Uint8Array): DnsMessage {
  return decodeMessage(bytes);
}

/** One query the fake upstream received. */
export interface SeenQuery {
  transport: "udp" | "tcp";
  id: number;
  name: string;
  type: number;
}

/** A fake upstream on 127.0.0.1 (UDP and TCP on one port): answers A 192.0.2.7 or stays silent. */
export class FakeUpstream {
  readonly seen: SeenQuery[] = [];
  /** The last answer sent, byte for byte. */
  lastAnswer: Uint8Array | undefined;
  port = 0;
  private udp: UdpSocket | undefined;
  private tcp: Server | undefined;

  constructor(private readonly behaviour: "answer" | "silent" | "servfail" = "answer") {}

  /** `ip:port` for the server's upstreams. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Binds UDP on a free port and TCP on the same port. */
  async start(): Promise<this> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const udp = createSocket("udp4");
      await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
      const port = udp.address().port;
      const tcp = createServer((socket) => {
        const framer = new TcpFramer();
        socket.on("error", () => undefined);
        socket.on("data", (chunk: Buffer) => {
          for (const message of framer.push(new Uint8Array(chunk))) {
            const reply = this.reply(message, "tcp");
            if (reply) socket.write(frameMessage(reply));
          }
        });
      });
      const ok = await new Promise<boolean>((resolve) => {
        tcp.once("error", () => resolve(false));
        tcp.listen(port, "127.0.0.1", () => resolve(true));
      });
      if (!ok) {
        udp.close();
        continue;
      }
      udp.on("message", (message, remote) => {
        const reply = this.reply(new Uint8Array(message), "udp");
        if (reply) udp.send(reply, remote.port, remote.address);
      });
      this.udp = udp;
      this.tcp = tcp;
      this.port = port;
      return this;
    }
    throw new Error("no free port pair for the fake upstream");
  }

  private reply(message: Uint8Array, transport: "udp" | "tcp"): Uint8Array | undefined {
    const query = decodeQuery(message);
    if (query.kind !== "query") return undefined;
    const { id, question } = query.query;
    this.seen.push({ transport, id, name: question.name, type: question.type });
    if (this.behaviour === "silent") return undefined;
    const answer =
      this.behaviour === "servfail"
        ? encodeResponse({ query: query.query, rcode: Rcode.SERVFAIL })
        : encodeResponse({
            query: query.query,
            rcode: Rcode.NOERROR,
            answers: [{ type: "A", address: "192.0.2.7", ttl: 42 }],
          });
    this.lastAnswer = answer;
    return answer;
  }

  /** Closes both sockets; idempotent. */
  async stop(): Promise<void> {
    const { udp, tcp } = this;
    this.udp = undefined;
    this.tcp = undefined;
    await Promise.all([
      new Promise<void>((resolve) => (udp ? udp.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => (tcp ? tcp.close(() => resolve()) : resolve())),
    ]);
  }
}
