import { createSocket } from "node:dgram";
import { once } from "node:events";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { isHostPortFree, pickFreeHostPort } from "../../../src/network/ports/host-port.js";

describe("host ports", () => {
  it("sees a TCP listener, on every address and on one", async () => {
    const port = await pickFreeHostPort({ protocol: "tcp", exclude: new Set() });
    expect(await isHostPortFree({ protocol: "tcp", port })).toBe(true);
    const server = createServer();
    server.listen({ host: "127.0.0.1", port });
    await once(server, "listening");
    try {
      expect(await isHostPortFree({ protocol: "tcp", port })).toBe(false);
      expect(await isHostPortFree({ protocol: "tcp", hostIp: "127.0.0.1", port })).toBe(false);
      const other = await pickFreeHostPort({ protocol: "tcp", exclude: new Set([port]) });
      expect(other).not.toBe(port);
    } finally {
      server.close();
      await once(server, "close");
    }
    expect(await isHostPortFree({ protocol: "tcp", port })).toBe(true);
  });

  it("sees a UDP socket, and picks from the kernel's local port range", async () => {
    const port = await pickFreeHostPort({ protocol: "udp", hostIp: "127.0.0.1", exclude: new Set() });
    const [low, high] = (await import("node:fs"))
      .readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(port).toBeGreaterThanOrEqual(low ?? 0);
    expect(port).toBeLessThanOrEqual(high ?? 0);
    const socket = createSocket("udp4");
    socket.bind(port, "127.0.0.1");
    await once(socket, "listening");
    try {
      expect(await isHostPortFree({ protocol: "udp", hostIp: "127.0.0.1", port })).toBe(false);
    } finally {
      socket.close();
    }
    expect(await isHostPortFree({ protocol: "udp", hostIp: "127.0.0.1", port })).toBe(true);
  });
});
