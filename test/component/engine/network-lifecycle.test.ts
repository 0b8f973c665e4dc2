import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ContainerCreateBody } from "../../../src/api/index.js";
import { Engine } from "../../../src/engine/engine.js";
import type {
  DnsServerLike,
  DnsServerOptions,
  HostPorts,
} from "../../../src/engine/networks/network-deps.js";
import { enginePaths } from "../../../src/engine/paths.js";
import { ImageStore, importRootfs, tarArchive } from "../../../src/image/index.js";
import { FakeFirewall, FakeNetworkHost } from "../../../src/network/index.js";
import { ContainerRuntime } from "../../../src/runtime/container-runtime.js";
import { FakeHost } from "../../../src/runtime/fakes/fake-host.js";
import { ManualClock } from "./manual-clock.js";

/** A DNS server that only records where it listens (lookups are called through `options`). */
class RecordingDns implements DnsServerLike {
  readonly ips = new Set<string>();
  constructor(readonly options: DnsServerOptions) {}
  async listen(ip: string): Promise<void> {
    this.ips.add(ip);
  }
  async close(ip: string): Promise<void> {
    this.ips.delete(ip);
  }
  async closeAll(): Promise<void> {
    this.ips.clear();
  }
}

/** Host ports: `busy` are taken by someone else; picks count up from 40000. */
function fakePorts(busy: Set<number>): HostPorts {
  let next = 40000;
  return {
    isFree: async ({ port }) => !busy.has(port),
    pickFree: async ({ exclude }) => {
      while (busy.has(next) || exclude.has(next)) next++;
      return next++;
    },
  };
}

function seeded(seed: string) {
  let n = 0;
  return (size: number) => {
    const out = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += 32)
      createHash("sha256").update(`${seed}:${n++}`).digest().copy(out, offset);
    return out;
  };
}

interface Fixture {
  root: string;
  net: FakeNetworkHost;
  firewall: FakeFirewall;
  dns: () => RecordingDns;
  busy: Set<number>;
  engine: Engine;
  reopen(): Promise<Engine>;
  create(name: string, body?: Partial<ContainerCreateBody>): Promise<string>;
  dispose(): Promise<void>;
}

let counter = 0;

async function fixture(): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), "berth-netc-"));
  const paths = enginePaths({ root, runDir: join(root, "run"), instance: `n${counter++}` });
  const host = new FakeHost({ exitsDir: join(paths.runDir, "exits") });
  const images = new ImageStore({ root, specials: { makeNodes: async () => {}, setXattrs: async () => [] } });
  const tar = tarArchive([{ name: "etc/", type: "directory", mode: 0o755 }]);
  await importRootfs(images, {
    tar: (async function* () {
      yield tar;
    })(),
    reference: "busybox:latest",
    config: { Cmd: ["sleep", "1000"], Env: ["PATH=/bin"], ExposedPorts: { "80/tcp": {} } },
    now: new Date(0),
  });
  const net = new FakeNetworkHost();
  const firewall = new FakeFirewall();
  const busy = new Set<number>();
  let dns: RecordingDns | undefined;
  const engines: Engine[] = [];
  const open = async () => {
    const engine = new Engine({
      paths,
      runtime: new ContainerRuntime({
        location: { root, runDir: paths.runDir, instance: paths.instance },
        oci: host.oci,
        shim: host.shim,
        mounter: host.mounter,
        cgroups: host.cgroups,
        clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 2))) },
        processes: host.processes,
        hostFacts: async () => ({ rlimitNofileHard: 4096 }),
        pollMs: 5,
      }),
      images,
      clock: new ManualClock(),
      host: { processes: async () => [], oomKilled: async () => false },
      version: "0.0.0-test",
      random: seeded(`${root}:${engines.length}`),
      initPath: "/fake/catatonit",
      resolvConf: async () => "nameserver 127.0.0.53\nsearch example.org\n",
      network: {
        host: net,
        firewall,
        dns: (options) => {
          dns = new RecordingDns(options);
          return dns;
        },
        ports: fakePorts(busy),
      },
    });
    engines.push(engine);
    await engine.start();
    return engine;
  };
  const engine = await open();
  return {
    root,
    net,
    firewall,
    busy,
    dns: () => {
      if (!dns) throw new Error("no dns");
      return dns;
    },
    engine,
    reopen: open,
    create: async (name, body = {}) => (await engine.createContainer({ Image: "busybox", ...body }, name)).Id,
    dispose: async () => {
      for (const e of engines) await e.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const listAll = { all: true, limit: undefined, size: false, filters: {} };

describe("engine networks on fake kernel objects", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it("lists Docker's predefined networks before any use; the default bridge is made by the first start", async () => {
    const names = (await f.engine.listNetworks({ filters: {} })).map((n) => `${n.Name}/${n.Driver}`);
    expect(names).toEqual(["bridge/bridge", "host/host", "none/null"]);
    expect(f.net.bridges.size).toBe(0);
    const id = await f.create("a");
    expect(f.net.bridges.size).toBe(0);
    await f.engine.startContainer(id);
    const bridge = await f.engine.inspectNetwork("bridge");
    expect(bridge.IPAM.Config).toEqual([{ Subnet: "10.213.0.0/24", Gateway: "10.213.0.1" }]);
    expect(Object.values(bridge.Containers)).toEqual([
      expect.objectContaining({ Name: "a", IPv4Address: "10.213.0.2/24", MacAddress: "02:42:0a:d5:00:02" }),
    ]);
    expect(f.net.sysctls.get("net.ipv4.ip_forward")).toBe("1");
  });

  it("creates a user network: subnet avoiding host routes, record ready, DNS on the gateway, firewall state", async () => {
    f.net.hostSubnets = ["10.213.0.0/23"];
    const { Id } = await f.engine.createNetwork({ Name: "app", Labels: { a: "1" } });
    const inspect = await f.engine.inspectNetwork("app");
    expect(inspect).toMatchObject({ Id, Name: "app", Driver: "bridge", Labels: { a: "1" }, Internal: false });
    expect(inspect.IPAM.Config).toEqual([{ Subnet: "10.213.2.0/24", Gateway: "10.213.2.1" }]);
    const record = JSON.parse(readFileSync(join(f.root, "networks", `${Id}.json`), "utf8"));
    expect(record).toMatchObject({ phase: "ready", builtin: false });
    expect([...f.dns().ips]).toEqual(["10.213.2.1"]);
    expect(f.firewall.state?.networks).toEqual([
      { bridge: record.bridge, subnet: "10.213.2.0/24", gateway: "10.213.2.1", internal: false, dns: true },
    ]);
    await expect(f.engine.createNetwork({ Name: "app" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(f.engine.createNetwork({ Name: "v6", EnableIPv6: true })).rejects.toThrow(
      "IPv6 is not supported yet",
    );
    await expect(
      f.engine.createNetwork({
        Name: "bad",
        IPAM: { Config: [{ Subnet: "10.9.0.0/24", Gateway: "10.8.0.1" }] },
      }),
    ).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("starts a container on two networks: eth0 primary with the route, names in DNS, /etc files", async () => {
    await f.engine.createNetwork({ Name: "front" });
    await f.engine.createNetwork({ Name: "back", IPAM: { Config: [{ Subnet: "172.30.5.0/24" }] } });
    const id = await f.create("web", {
      HostConfig: { NetworkMode: "front", ExtraHosts: ["gw:host-gateway"], DnsSearch: ["corp"] },
      NetworkingConfig: {
        EndpointsConfig: { front: { Aliases: ["www"] }, back: { IPAMConfig: { IPv4Address: "172.30.5.9" } } },
      },
    });
    await f.engine.startContainer(id);
    const attached = [...f.net.endpoints.values()].sort((a, b) => a.ifname.localeCompare(b.ifname));
    expect(attached.map((e) => [e.ifname, e.address, e.gateway ?? "-"])).toEqual([
      ["eth0", "10.213.0.2", "10.213.0.1"],
      ["eth1", "172.30.5.9", "-"],
    ]);
    const dns = f.dns();
    const look = (name: string, clientIp = "10.213.0.7") =>
      dns.options.lookup({ serverIp: "10.213.0.1", clientIp, name });
    expect(look("web")).toEqual({ known: true, addresses: ["10.213.0.2"] });
    expect(look("WWW.")).toEqual({ known: true, addresses: ["10.213.0.2"] });
    expect(look(id.slice(0, 12))).toEqual({ known: true, addresses: ["10.213.0.2"] });
    expect(look("web", "172.30.5.3")).toEqual({ known: false, addresses: [] });
    const dir = f.engine.core.store.containerDir(id);
    expect(readFileSync(join(dir, "resolv.conf"), "utf8")).toContain("nameserver 10.213.0.1");
    expect(readFileSync(join(dir, "resolv.conf"), "utf8")).toMatch(/search corp/);
    const hosts = readFileSync(join(dir, "hosts"), "utf8");
    expect(hosts).toContain("10.213.0.1\tgw");
    expect(hosts).toContain(`10.213.0.2\t${id.slice(0, 12)}`);
    const inspect = await f.engine.inspectContainer(id);
    expect(inspect.NetworkSettings.Networks.front).toMatchObject({
      IPAddress: "10.213.0.2",
      Aliases: ["www"],
      DNSNames: ["web", "www", id.slice(0, 12)],
    });
    expect(inspect.NetworkSettings.SandboxKey).toMatch(/^\/var\/run\/netns\/berth-n\d+-[0-9a-f]{12}$/);
    await f.engine.stopContainer(id, { t: 0, signal: undefined });
    expect(f.net.netns.size).toBe(0);
    expect(look("web")).toEqual({ known: false, addresses: [] });
    expect((await f.engine.inspectContainer(id)).NetworkSettings.Networks.front?.IPAddress).toBe("");
  });

  it("publishes ports (given, random, PublishAllPorts); a taken port is a CONFLICT and nothing stays", async () => {
    f.busy.add(8080);
    const bad = await f.create("bad", { HostConfig: { PortBindings: { "80/tcp": [{ HostPort: "8080" }] } } });
    await expect(f.engine.startContainer(bad)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Bind for 0.0.0.0:8080 failed: port is already allocated",
    });
    expect(f.net.netns.size).toBe(0);
    expect((await f.engine.inspectContainer(bad)).State.Status).toBe("created");
    const id = await f.create("pub", {
      HostConfig: {
        PortBindings: { "53/udp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
        PublishAllPorts: true,
      },
    });
    await f.engine.startContainer(id);
    const forwards = f.firewall.state?.forwards ?? [];
    expect(
      forwards.map(
        (p) => `${p.hostIp ?? "*"}:${p.hostPort}->${p.containerIp}:${p.containerPort}/${p.protocol}`,
      ),
    ).toEqual(["127.0.0.1:40000->10.213.0.2:53/udp", "*:40001->10.213.0.2:80/tcp"]);
    const inspect = await f.engine.inspectContainer(id);
    expect(inspect.NetworkSettings.Ports).toEqual({
      "53/udp": [{ HostIp: "127.0.0.1", HostPort: "40000" }],
      "80/tcp": [{ HostIp: "0.0.0.0", HostPort: "40001" }],
    });
    const again = await f.create("again", {
      HostConfig: { PortBindings: { "81/tcp": [{ HostPort: "40001" }] } },
    });
    await expect(f.engine.startContainer(again)).rejects.toMatchObject({ code: "CONFLICT" });
    await f.engine.removeContainer(id, { force: true, v: false, link: false });
    expect(f.firewall.state?.forwards).toEqual([]);
  });

  it("refuses to remove a network in use or a predefined one; prune keeps used ones; connect/disconnect", async () => {
    await f.engine.createNetwork({ Name: "used" });
    await f.engine.createNetwork({ Name: "spare" });
    const id = await f.create("c", { HostConfig: { NetworkMode: "used" } });
    await expect(f.engine.removeNetwork("used")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('name:"c"'),
    });
    await expect(f.engine.removeNetwork("bridge")).rejects.toThrow(
      "bridge is a pre-defined network and cannot be removed",
    );
    expect(await f.engine.pruneNetworks({ filters: {} })).toEqual({ NetworksDeleted: ["spare"] });
    await f.engine.startContainer(id);
    await f.engine.createNetwork({ Name: "late" });
    await f.engine.connectNetwork("late", { Container: "c", EndpointConfig: { Aliases: ["l"] } });
    expect([...f.net.endpoints.values()].map((e) => e.ifname).sort()).toEqual(["eth0", "eth1"]);
    const hosts = readFileSync(join(f.engine.core.store.containerDir(id), "hosts"), "utf8");
    expect(hosts.match(/\tc|[0-9a-f]{12}/g)?.length).toBeGreaterThan(0);
    await expect(f.engine.connectNetwork("late", { Container: "c" })).rejects.toMatchObject({
      details: { status: 403 },
    });
    await f.engine.disconnectNetwork("late", { Container: "c" });
    expect([...f.net.endpoints.values()].map((e) => e.ifname)).toEqual(["eth0"]);
    await f.engine.removeNetwork("late");
    const actions = f.engine.core.events
      .history()
      .filter((e) => e.Type === "network")
      .map((e) => `${e.Action}:${e.Actor.Attributes.name}`);
    expect(actions).toEqual([
      "create:used",
      "create:spare",
      "destroy:spare",
      "create:late",
      "connect:late",
      "disconnect:late",
      "destroy:late",
    ]);
  });

  it("adoption undoes a half-made network and tears down containers that are no longer running", async () => {
    const id = await f.create("x");
    await f.engine.startContainer(id);
    const { Id } = await f.engine.createNetwork({ Name: "half" });
    const recordPath = join(f.root, "networks", `${Id}.json`);
    const record = JSON.parse(readFileSync(recordPath, "utf8"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(recordPath, JSON.stringify({ ...record, phase: "creating" }));
    await f.engine.close();
    const next = await f.reopen();
    expect((await next.listNetworks({ filters: {} })).map((n) => n.Name)).toEqual(["bridge", "host", "none"]);
    expect(f.net.bridges.has(record.bridge)).toBe(false);
    expect(await next.listContainers(listAll)).toHaveLength(1);
  });

  it("adoption re-makes a missing bridge, serves DNS again, and releases what a crashed start had recorded", async () => {
    const { Id } = await f.engine.createNetwork({ Name: "keep" });
    const record = JSON.parse(readFileSync(join(f.root, "networks", `${Id}.json`), "utf8"));
    const id = await f.create("crashed", { HostConfig: { NetworkMode: "keep" } });
    const live = f.engine.core.records.get(id);
    const endpoint = live?.endpoints?.[Id];
    if (!live || !endpoint) throw new Error("no endpoint");
    // what "container.endpoints-saved" + "container.netns-made" leave: addresses recorded, a netns, no process
    endpoint.ip = "10.213.0.2";
    endpoint.hostVeth = "berthdeadbeef00";
    await f.engine.core.store.save(live);
    await f.net.createNetns(f.engine.core.networks?.names.netns(id) ?? "");
    await f.net.deleteBridge(record.bridge);
    await f.engine.close();
    const next = await f.reopen();
    expect(f.net.bridges.has(record.bridge)).toBe(true);
    expect([...f.dns().ips]).toEqual(["10.213.0.1"]);
    expect(f.net.netns.size).toBe(0);
    expect(next.core.records.get(id)?.endpoints?.[Id]?.ip).toBeUndefined();
    await next.startContainer(id);
    expect((await next.inspectContainer(id)).NetworkSettings.Networks.keep?.IPAddress).toBe("10.213.0.2");
  });
});
