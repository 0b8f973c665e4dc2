import { randomInt } from "node:crypto";
import { createSocket } from "node:dgram";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { BerthError } from "../../shared/errors.js";

/** A host port to test: protocol, optional address (default every address), number. */
export interface HostPortQuery {
  protocol: "tcp" | "udp";
  hostIp?: string;
  port: number;
}

function bindTcp(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function bindUdp(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/** True when a socket can bind the port now (a bind test; nothing stays bound). */
export async function isHostPortFree(p: HostPortQuery): Promise<boolean> {
  const host = p.hostIp === undefined || p.hostIp === "" ? "0.0.0.0" : p.hostIp;
  return p.protocol === "tcp" ? bindTcp(host, p.port) : bindUdp(host, p.port);
}

async function localPortRange(): Promise<{ low: number; high: number }> {
  try {
    const [low, high] = (await readFile("/proc/sys/net/ipv4/ip_local_port_range", "utf8"))
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return { low, high };
  } catch {
    // Fall back to the kernel's default range.
  }
  return { low: 32768, high: 60999 };
}

/** A free port of the kernel's local port range (from a random start, so parallel callers rarely collide). */
export async function pickFreeHostPort(p: {
  protocol: "tcp" | "udp";
  hostIp?: string;
  exclude: ReadonlySet<number>;
}): Promise<number> {
  const { low, high } = await localPortRange();
  const size = high - low + 1;
  const start = randomInt(size);
  for (let i = 0; i < size; i++) {
    const port = low + ((start + i) % size);
    if (p.exclude.has(port)) continue;
    const query = { protocol: p.protocol, port, ...(p.hostIp === undefined ? {} : { hostIp: p.hostIp }) };
    if (await isHostPortFree(query)) return port;
  }
  throw new BerthError("CONFLICT", `no free ${p.protocol} host port in ${low}-${high}`, {
    details: { protocol: p.protocol },
  });
}
