import { afterEach, describe, expect, it } from "vitest";
import { encodeQuery, messageId, withMessageId } from "../../../../src/network/dns/codec.js";
import { DnsServer, type DnsServerOptions } from "../../../../src/network/dns/dns-server.js";
import type { DnsPeers } from "../../../../src/network/dns/resolve.js";
import { DnsType, nameToLabels, Rcode } from "../../../../src/network/dns/wire.js";
import { type Address, askTcp, askUdp, askUdpMany, decoded, FakeUpstream } from "./dns-peers.js";

const names: Record<string, string[]> = { web: ["10.213.0.2", "10.213.0.3"], db: ["10.213.0.9"] };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function query(name: string, type: number = DnsType.A, id = 0x4242): Uint8Array {
  return encodeQuery({ id, labels: nameToLabels(name), type });
}

async function started(
  options: Partial<DnsServerOptions> & { upstreamList?: string[] } = {},
): Promise<{ server: DnsServer; at: Address; asked: (DnsPeers & { name: string })[]; logs: string[] }> {
  const asked: (DnsPeers & { name: string })[] = [];
  const logs: string[] = [];
  const server = new DnsServer({
    lookup: (q) => {
      asked.push(q);
      const addresses = names[q.name];
      return { known: addresses !== undefined, addresses: addresses ?? [] };
    },
    reverse: ({ ip }) => (ip === "10.213.0.9" ? "db.backend" : undefined),
    upstreams: () => options.upstreamList ?? [],
    log: (message) => logs.push(message),
    // Generous: a fake upstream that answers must never lose to the timer on a loaded machine; the
    // tests of silent upstreams pass a short one of their own.
    forwardTimeoutMs: 10_000,
    ...options,
  });
  cleanups.push(() => server.closeAll());
  await server.listen("127.0.0.1", 0);
  const port = server.port("127.0.0.1");
  if (port === undefined) throw new Error("not listening");
  return { server, at: { host: "127.0.0.1", port }, asked, logs };
}

async function upstream(behaviour: "answer" | "silent" | "servfail" = "answer"): Promise<FakeUpstream> {
  const fake = await new FakeUpstream(behaviour).start();
  cleanups.push(() => fake.stop());
  return fake;
}

const addresses = (bytes: Uint8Array): string[] =>
  decoded(bytes)
    .answers.filter((r) => r.type === DnsType.A)
    .map((r) => [...r.data].join("."));

describe("DnsServer over UDP", () => {
  it("answers a known name with its addresses, TTL 600, case-insensitively, and tells lookup who asks", async () => {
    const { at, asked } = await started();
    const reply = decoded(await askUdp(at, query("WEB.", DnsType.A, 0x1111)));
    expect(reply.header).toMatchObject({
      id: 0x1111,
      response: true,
      rcode: Rcode.NOERROR,
      authoritative: true,
    });
    expect(reply.questions[0]?.name).toBe("WEB");
    expect(reply.answers.map((r) => r.ttl)).toEqual([600, 600]);
    expect(asked).toEqual([{ serverIp: "127.0.0.1", clientIp: "127.0.0.1", name: "web" }]);
  });

  it("answers AAAA for a known name with NOERROR and no records", async () => {
    const { at } = await started();
    const reply = decoded(await askUdp(at, query("web", DnsType.AAAA)));
    expect(reply.header.rcode).toBe(Rcode.NOERROR);
    expect(reply.answers).toEqual([]);
  });

  it("changes the order of several addresses from one query to the next (round robin)", async () => {
    const { at } = await started();
    const first = addresses(await askUdp(at, query("web")));
    const second = addresses(await askUdp(at, query("web")));
    expect([...first].sort()).toEqual(names.web);
    expect([...second].sort()).toEqual(names.web);
    expect(second).not.toEqual(first);
  });

  it("answers PTR for a known container IP", async () => {
    const { at } = await started();
    const reply = decoded(await askUdp(at, query("9.0.213.10.in-addr.arpa", DnsType.PTR)));
    expect(reply.answers.map((r) => [r.type, r.ttl, Buffer.from(r.data).toString("latin1")])).toEqual([
      [DnsType.PTR, 600, "\u0002db\u0007backend\u0000"],
    ]);
  });

  it("forwards an unknown name and relays the upstream's answer verbatim with the client's id", async () => {
    const fake = await upstream();
    const { at } = await started({ upstreamList: [fake.address] });
    const reply = await askUdp(at, query("example.com", DnsType.A, 0x5151));
    expect(fake.seen.map((q) => [q.transport, q.name, q.type])).toEqual([["udp", "example.com", DnsType.A]]);
    expect(fake.lastAnswer).toBeDefined();
    expect(reply).toEqual(withMessageId(fake.lastAnswer ?? new Uint8Array(), 0x5151));
    expect(addresses(reply)).toEqual(["192.0.2.7"]);
  });

  it("forwards AAAA of an unknown name too", async () => {
    const fake = await upstream();
    const { at } = await started({ upstreamList: [fake.address] });
    await askUdp(at, query("example.com", DnsType.AAAA));
    expect(fake.seen.map((q) => q.type)).toEqual([DnsType.AAAA]);
  });

  it("answers SERVFAIL when the only upstream is silent", async () => {
    const fake = await upstream("silent");
    const { at, logs } = await started({ upstreamList: [fake.address], forwardTimeoutMs: 300 });
    const reply = decoded(await askUdp(at, query("example.com", DnsType.A, 0x7777)));
    expect(reply.header).toMatchObject({ id: 0x7777, rcode: Rcode.SERVFAIL });
    expect(fake.seen).toHaveLength(1);
    expect(logs.join("\n")).toContain(`to ${fake.address} failed`);
  });

  it("tries the next upstream when one is silent or fails", async () => {
    const silent = await upstream("silent");
    const failing = await upstream("servfail");
    const good = await upstream();
    // the silent one must time out; the two that answer get as long (2 s) to do so
    const { at } = await started({
      upstreamList: [silent.address, failing.address, good.address],
      forwardTimeoutMs: 2000,
    });
    expect(addresses(await askUdp(at, query("example.com")))).toEqual(["192.0.2.7"]);
    expect([silent.seen.length, failing.seen.length, good.seen.length]).toEqual([1, 1, 1]);
  });

  it("skips an upstream that refuses the connection without waiting for the timeout", async () => {
    const good = await upstream();
    const gone = await upstream();
    await gone.stop();
    const { at, logs } = await started({
      upstreamList: [gone.address, good.address],
      forwardTimeoutMs: 30_000,
    });
    expect(addresses(await askUdp(at, query("example.com")))).toEqual(["192.0.2.7"]);
    expect(logs.join("\n")).toContain("ECONNREFUSED");
  });

  it("relays the last failure when every upstream fails", async () => {
    const failing = await upstream("servfail");
    const { at } = await started({ upstreamList: [failing.address] });
    const reply = await askUdp(at, query("example.com", DnsType.A, 9));
    expect(reply).toEqual(withMessageId(failing.lastAnswer ?? new Uint8Array(), 9));
  });

  it("answers SERVFAIL at once beyond the cap of forwards in flight", async () => {
    const fake = await upstream("silent");
    const { at, logs } = await started({
      upstreamList: [fake.address],
      maxConcurrentForwards: 1,
      forwardTimeoutMs: 2000,
    });
    // The first query waits on the silent upstream; the second is refused a forward and answered first.
    const replies = await askUdpMany(
      at,
      [query("slow.example", DnsType.A, 1), query("fast.example", DnsType.A, 2)],
      2,
    );
    expect(replies.map((r) => [messageId(r), decoded(r).header.rcode])).toEqual([
      [2, Rcode.SERVFAIL],
      [1, Rcode.SERVFAIL],
    ]);
    expect(fake.seen.map((q) => q.name)).toEqual(["slow.example"]);
    expect(logs.join("\n")).toContain("more than 1 forwards in flight");
  });

  it("never forwards to one of its own listeners (no upstream left: REFUSED)", async () => {
    let self: string[] = [];
    const { server, at, logs } = await started({ upstreams: () => self });
    await server.listen("127.0.0.2", 0);
    self = [`127.0.0.1:${at.port}`, `127.0.0.2:${server.port("127.0.0.2")}`];
    expect(decoded(await askUdp(at, query("example.com"))).header.rcode).toBe(Rcode.REFUSED);
    expect(logs.filter((line) => line.includes("(ourselves)"))).toHaveLength(2);
  });

  it("answers REFUSED for an unknown name when the client has no upstreams", async () => {
    const { at } = await started({ upstreamList: [] });
    expect(decoded(await askUdp(at, query("example.com"))).header.rcode).toBe(Rcode.REFUSED);
  });

  it("answers SERVFAIL when the lookup throws", async () => {
    const { at, logs } = await started({
      lookup: () => {
        throw new Error("state unavailable");
      },
    });
    expect(decoded(await askUdp(at, query("web"))).header.rcode).toBe(Rcode.SERVFAIL);
    expect(logs.join("\n")).toContain("state unavailable");
  });

  it("answers garbage with a header FORMERR and ignores datagrams too short for a header", async () => {
    const { at } = await started();
    const garbage = Uint8Array.from([0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 63, 1, 2]);
    const replies = await askUdpMany(at, [Uint8Array.from([1, 2, 3]), garbage, query("db", DnsType.A, 3)], 2);
    expect(replies.map((r) => [messageId(r), decoded(r).header.rcode])).toEqual([
      [0xabcd, Rcode.FORMERR],
      [3, Rcode.NOERROR],
    ]);
  });
});

describe("DnsServer over TCP", () => {
  it("answers several length-prefixed queries on one connection", async () => {
    const { at, asked } = await started();
    const replies = await askTcp(at, [query("web", DnsType.A, 1), query("db", DnsType.AAAA, 2)]);
    const byId = new Map(replies.map((r) => [messageId(r), decoded(r)]));
    expect(byId.get(1)?.answers).toHaveLength(2);
    expect(byId.get(2)?.header.rcode).toBe(Rcode.NOERROR);
    expect(byId.get(2)?.answers).toEqual([]);
    expect(asked.map((q) => [q.serverIp, q.clientIp, q.name])).toEqual([
      ["127.0.0.1", "127.0.0.1", "web"],
      ["127.0.0.1", "127.0.0.1", "db"],
    ]);
  });

  it("forwards an unknown name over TCP", async () => {
    const fake = await upstream();
    const { at } = await started({ upstreamList: [fake.address] });
    const [reply] = await askTcp(at, [query("example.org", DnsType.A, 0x2222)]);
    expect(fake.seen.map((q) => [q.transport, q.name])).toEqual([["tcp", "example.org"]]);
    expect(reply).toEqual(withMessageId(fake.lastAnswer ?? new Uint8Array(), 0x2222));
  });

  it("answers a query with many addresses in full over TCP while UDP truncates it", async () => {
    const many = Array.from({ length: 40 }, (_, i) => `10.214.${i}.1`);
    const { at } = await started({ lookup: () => ({ known: true, addresses: many }) });
    const [tcp] = await askTcp(at, [query("big")]);
    expect(decoded(tcp ?? new Uint8Array()).answers).toHaveLength(40);
    const udp = decoded(await askUdp(at, query("big")));
    expect(udp.header.truncated).toBe(true);
    expect(udp.answers.length).toBeLessThan(40);
  });
});

describe("DnsServer listeners", () => {
  it("serves each address with its own sockets, idempotently, and closes them one by one", async () => {
    const { server, at, asked } = await started();
    await server.listen("127.0.0.1", 0);
    await server.listen("127.0.0.2", 0);
    expect(server.listening()).toEqual(["127.0.0.1", "127.0.0.2"]);
    const second = { host: "127.0.0.2", port: server.port("127.0.0.2") ?? 0 };
    await askUdp(second, query("db"));
    expect(asked.map((q) => q.serverIp)).toEqual(["127.0.0.2"]);
    await server.close("127.0.0.1");
    expect(server.listening()).toEqual(["127.0.0.2"]);
    // The port is free again: another server can take it.
    const other = new DnsServer({ lookup: () => ({ known: false, addresses: [] }), upstreams: () => [] });
    await other.listen("127.0.0.1", at.port);
    await other.closeAll();
    await server.closeAll();
    expect(server.listening()).toEqual([]);
  });

  it("reports a taken port as CONFLICT and a foreign address as INVALID_ARGUMENT", async () => {
    const { at } = await started();
    const other = new DnsServer({ lookup: () => ({ known: false, addresses: [] }), upstreams: () => [] });
    await expect(other.listen("127.0.0.1", at.port)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(other.listen("198.51.100.254", 0)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(other.listen("::1", 0)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(other.listen("127.0.0.1", 70000)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(other.listening()).toEqual([]);
  });
});
