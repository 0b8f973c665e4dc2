// The embedded DNS server on a real bridge's gateway address, queried by busybox nslookup from a real
// network namespace behind a veth. Everything this test creates is named berthdns<tag> and removed.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessage, encodeQuery } from "../../../../src/network/dns/codec.js";
import { DnsServer } from "../../../../src/network/dns/dns-server.js";
import type { DnsPeers } from "../../../../src/network/dns/resolve.js";
import { frameMessage } from "../../../../src/network/dns/tcp-framing.js";
import { DnsType } from "../../../../src/network/dns/wire.js";
import { execaRunner } from "../../../../src/platform/execa-runner.js";
import { FakeUpstream } from "../../../component/network/dns/dns-peers.js";

const runner = execaRunner();
const tag = randomBytes(3).toString("hex");
const netns = `berthdns${tag}`;
const bridge = `berthdnsb${tag}`;
const veth = `berthdnsv${tag}`;

async function ip(...args: string[]): Promise<string> {
  const result = await runner.run(["ip", ...args]);
  if (result.exitCode !== 0) throw new Error(`ip ${args.join(" ")}: ${result.stderr.trim()}`);
  return result.stdout;
}

function toNumber(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function range(cidr: string): [number, number] {
  const [address = "0.0.0.0", prefix = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(prefix));
  const start = Math.floor(toNumber(address) / size) * size;
  return [start, start + size - 1];
}

/** A /24 under 10.254.0.0/16 that overlaps no route or address on the host. */
async function freeSubnet(): Promise<string> {
  const routes = JSON.parse(await ip("-j", "-4", "route", "show", "table", "all")) as { dst: string }[];
  const addrs = JSON.parse(await ip("-j", "-4", "addr")) as {
    addr_info: { local: string; prefixlen: number }[];
  }[];
  const taken = [
    ...routes.map((r) => r.dst).filter((dst) => dst !== "default" && /^[0-9.]+(\/[0-9]+)?$/.test(dst)),
    ...addrs.flatMap((a) => a.addr_info.map((i) => `${i.local}/${i.prefixlen}`)),
  ].map(range);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const candidate = `10.254.${Math.floor(Math.random() * 256)}.0/24`;
    const [start, end] = range(candidate);
    if (taken.every(([s, e]) => e < start || s > end)) return candidate;
  }
  throw new Error("no free /24 under 10.254.0.0/16");
}

async function leftovers(): Promise<string[]> {
  const ours = (line: string): boolean =>
    [netns, bridge, veth].some((name) => new RegExp(`\\b${name}\\b`).test(line));
  const links = (await ip("-o", "link", "show")).split("\n").filter(ours);
  const namespaces = (await ip("netns", "list")).split("\n").filter(ours);
  return [...links, ...namespaces];
}

async function nslookup(name: string, server: string): Promise<{ exitCode: number; output: string }> {
  const result = await runner.run([
    "timeout",
    "20",
    "ip",
    "netns",
    "exec",
    netns,
    "busybox",
    "nslookup",
    name,
    server,
  ]);
  return { exitCode: result.exitCode, output: result.stdout + result.stderr };
}

describe("embedded DNS in a real network namespace", () => {
  let gateway = "";
  let client = "";
  let web = "";
  const asked: (DnsPeers & { name: string })[] = [];
  const fake = new FakeUpstream();
  let server: DnsServer | undefined;

  beforeAll(async () => {
    const subnet = await freeSubnet();
    const base = subnet.split(".").slice(0, 3).join(".");
    [gateway, client, web] = [`${base}.1`, `${base}.2`, `${base}.10`];
    await ip("netns", "add", netns);
    await ip("link", "add", bridge, "type", "bridge");
    await ip("addr", "add", `${gateway}/24`, "dev", bridge);
    await ip("link", "set", bridge, "up");
    await ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", netns);
    await ip("link", "set", veth, "master", bridge, "up");
    await ip("-n", netns, "addr", "add", `${client}/24`, "dev", "eth0");
    await ip("-n", netns, "link", "set", "eth0", "up");
    await ip("-n", netns, "link", "set", "lo", "up");
    await fake.start();
    server = new DnsServer({
      lookup: (q) => {
        asked.push(q);
        return q.name === "web" ? { known: true, addresses: [web] } : { known: false, addresses: [] };
      },
      reverse: ({ ip: address }) => (address === web ? "web.berthdns.test" : undefined),
      upstreams: () => [fake.address],
    });
    await server.listen(gateway, 53);
    // The leftovers check sees what this test made (bridge, veth, netns), so its final [] means something.
    expect(await leftovers()).toHaveLength(3);
  });

  afterAll(async () => {
    await server?.closeAll();
    await fake.stop();
    await runner.run(["ip", "link", "del", veth]);
    await runner.run(["ip", "link", "del", bridge]);
    await runner.run(["ip", "netns", "del", netns]);
    expect(await leftovers()).toEqual([]);
  });

  it("resolves a container name for busybox nslookup (which asks A and AAAA)", async () => {
    const result = await nslookup("web", gateway);
    expect(result.output).toContain(`Address: ${web}`);
    expect(result.output).not.toMatch(/can't find/i);
    expect(result.exitCode).toBe(0);
    // Two lookups of "web": busybox's A and AAAA queries (the AAAA one answered NOERROR, no records).
    expect(asked.filter((q) => q.name === "web")).toHaveLength(2);
    expect(asked.filter((q) => q.name === "web").map((q) => [q.serverIp, q.clientIp])).toContainEqual([
      gateway,
      client,
    ]);
    expect(server?.listening()).toEqual([gateway]);
  });

  it("answers the reverse lookup of a container IP", async () => {
    const result = await nslookup(web, gateway);
    expect(result.output).toContain("name = web.berthdns.test");
    expect(result.exitCode).toBe(0);
  });

  it("answers over TCP on the gateway address too (a node client inside the netns)", async () => {
    const framed = Buffer.from(
      frameMessage(encodeQuery({ id: 0x7a7a, labels: ["web"], type: DnsType.A })),
    ).toString("hex");
    const script = [
      'const net = require("node:net");',
      `const s = net.connect(53, "${gateway}", () => s.write(Buffer.from("${framed}", "hex")));`,
      "let got = Buffer.alloc(0);",
      's.on("data", (d) => { got = Buffer.concat([got, d]); if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) { process.stdout.write(got.subarray(2).toString("hex")); s.destroy(); } });',
    ].join("\n");
    const result = await runner.run([
      "timeout",
      "20",
      "ip",
      "netns",
      "exec",
      netns,
      process.execPath,
      "-e",
      script,
    ]);
    expect(result.stderr).toBe("");
    const reply = decodeMessage(Uint8Array.from(Buffer.from(result.stdout, "hex")));
    expect(reply.header.id).toBe(0x7a7a);
    expect(reply.answers.map((r) => [...r.data].join("."))).toEqual([web]);
  });

  it("forwards an unknown name to the upstream and relays its answer", async () => {
    const result = await nslookup("example.com", gateway);
    expect(result.output).toContain("Address: 192.0.2.7");
    expect(result.exitCode).toBe(0);
    expect(fake.seen.map((q) => q.name)).toContain("example.com");
  });
});
