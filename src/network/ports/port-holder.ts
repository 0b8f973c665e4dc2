import { createSocket } from "node:dgram";
import { createServer } from "node:net";
import { BerthError } from "../../shared/errors.js";
import type { HostPortQuery } from "./host-port.js";

/** A host port held open by a socket of this process; release() closes it (idempotent). */
export interface HeldPort {
  release(): Promise<void>;
}

function taken(p: HostPortQuery, host: string, cause: unknown): BerthError {
  return new BerthError("CONFLICT", `Bind for ${host}:${p.port} failed: port is already allocated`, {
    details: { hostIp: host, hostPort: p.port, protocol: p.protocol },
    cause,
  });
}

function holdTcp(p: HostPortQuery, host: string): Promise<HeldPort> {
  return new Promise((resolve, reject) => {
    // The nat hooks rewrite every packet to the port before local delivery, so nothing should ever
    // connect here; should something come through (no rule matched), it is closed at once.
    const server = createServer({ pauseOnConnect: true }, (socket) => socket.destroy());
    server.once("error", (error) => reject(taken(p, host, error)));
    server.listen({ host, port: p.port, exclusive: true }, () => {
      server.removeAllListeners("error");
      server.on("error", () => undefined);
      server.unref();
      let closed: Promise<void> | undefined;
      resolve({
        release: () => {
          closed ??= new Promise((done) => server.close(() => done()));
          return closed;
        },
      });
    });
  });
}

function holdUdp(p: HostPortQuery, host: string): Promise<HeldPort> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", (error) => {
      socket.close();
      reject(taken(p, host, error));
    });
    // Datagrams that reach it (none should: DNAT comes first) are dropped unread by the kernel once
    // the receive buffer is full; no handler is attached on purpose.
    socket.bind({ address: host, port: p.port, exclusive: true }, () => {
      socket.removeAllListeners("error");
      socket.on("error", () => undefined);
      socket.unref();
      let closed: Promise<void> | undefined;
      resolve({
        release: () => {
          closed ??= new Promise((done) => socket.close(() => done()));
          return closed;
        },
      });
    });
  });
}

/**
 * Holds a published host port open with a socket (TCP listen / UDP bind on hostIp:port), as Docker
 * does when it publishes without a userland proxy: the nftables DNAT still carries the traffic, and
 * any other program or engine binding the port gets "address in use". CONFLICT when it is taken.
 */
export function holdHostPort(p: HostPortQuery): Promise<HeldPort> {
  const host = p.hostIp === undefined || p.hostIp === "" ? "0.0.0.0" : p.hostIp;
  return p.protocol === "tcp" ? holdTcp(p, host) : holdUdp(p, host);
}
