import { describe, expect, it } from "vitest";
import type { ContainerCreateBody } from "../../../../src/api/index.js";
import {
  endpointOrder,
  type NetworkRef,
  networkPlanFromCreate,
} from "../../../../src/engine/networks/endpoint-plan.js";
import type { EndpointRecord } from "../../../../src/engine/networks/endpoint-record.js";
import type { NetworkRecord } from "../../../../src/engine/networks/network-record.js";
import { dnsLookup, dnsUpstreams, firewallStateOf } from "../../../../src/engine/networks/networking-view.js";
import type { ContainerRecord } from "../../../../src/engine/state/container-record.js";

const refs: Record<string, NetworkRef> = {
  bridge: { id: "b".repeat(64), name: "bridge", isDefault: true },
  front: { id: "f".repeat(64), name: "front", isDefault: false },
  back: { id: "a".repeat(64), name: "back", isDefault: false },
};
const resolve = (text: string): NetworkRef => {
  const hit = refs[text] ?? Object.values(refs).find((r) => r.id === text);
  if (!hit) throw new Error(`network ${text} not found`);
  return hit;
};
const plan = (body: Partial<ContainerCreateBody>) => networkPlanFromCreate({ Image: "x", ...body }, resolve);

describe("networkPlanFromCreate", () => {
  it("no mode → the default bridge; host/none; container:<x>", () => {
    expect(plan({})).toMatchObject({ kind: "networks", primary: refs.bridge?.id });
    expect(plan({ HostConfig: { NetworkMode: "host" } })).toEqual({ kind: "host" });
    expect(plan({ HostConfig: { NetworkMode: "none" } })).toEqual({ kind: "none" });
    expect(plan({ HostConfig: { NetworkMode: "container:db" } })).toEqual({
      kind: "container",
      target: "db",
    });
  });

  it("a named network is primary; EndpointsConfig adds more with aliases, static ip, mac", () => {
    const result = plan({
      MacAddress: "02:42:AC:11:00:09",
      HostConfig: { NetworkMode: "front" },
      NetworkingConfig: {
        EndpointsConfig: {
          front: { Aliases: ["www"] },
          back: { IPAMConfig: { IPv4Address: "172.30.0.9" }, GwPriority: 5 },
        },
      },
    });
    expect(result).toEqual({
      kind: "networks",
      primary: refs.front?.id,
      endpoints: {
        [refs.front?.id ?? ""]: {
          name: "front",
          aliases: ["www"],
          links: [],
          mac: "02:42:ac:11:00:09",
          priority: 0,
        },
        [refs.back?.id ?? ""]: { name: "back", aliases: [], links: [], staticIp: "172.30.0.9", priority: 5 },
      },
    });
  });

  it("without a mode the highest GwPriority of EndpointsConfig is primary", () => {
    const result = plan({ NetworkingConfig: { EndpointsConfig: { front: {}, back: { GwPriority: 10 } } } });
    expect(result).toMatchObject({ kind: "networks", primary: refs.back?.id });
    if (result.kind !== "networks") throw new Error("kind");
    expect(endpointOrder(result.primary, result.endpoints)).toEqual([refs.back?.id, refs.front?.id]);
  });

  it("refuses aliases and static addresses on the default bridge, and endpoints with host mode", () => {
    expect(() => plan({ NetworkingConfig: { EndpointsConfig: { bridge: { Aliases: ["a"] } } } })).toThrow(
      "network-scoped alias is supported only for containers in user defined networks",
    );
    expect(() =>
      plan({ HostConfig: { NetworkMode: "host" }, NetworkingConfig: { EndpointsConfig: { front: {} } } }),
    ).toThrow("Container cannot be connected to network endpoints: host, front");
    expect(() => plan({ HostConfig: { NetworkMode: "nope" } })).toThrow("network nope not found");
  });
});

function network(
  id: string,
  name: string,
  subnet: string,
  extra: Partial<NetworkRecord> = {},
): NetworkRecord {
  const gateway = subnet.replace(/0\/24$/, "1");
  return {
    id,
    name,
    driver: "bridge",
    bridge: `berth${name}`,
    created: "2026-01-01T00:00:00Z",
    internal: false,
    attachable: false,
    labels: {},
    options: {},
    ipam: { subnet, gateway, auxAddresses: {} },
    builtin: false,
    phase: "ready",
    ...extra,
  };
}

function container(
  name: string,
  endpoints: Record<string, Partial<EndpointRecord>>,
  extra: Partial<ContainerRecord> = {},
): ContainerRecord {
  const full: Record<string, EndpointRecord> = {};
  for (const [id, e] of Object.entries(endpoints))
    full[id] = { name: id, aliases: [], links: [], priority: 0, ...e };
  return {
    id: name.padEnd(64, "0"),
    name,
    state: { status: "running" },
    body: { Image: "x" },
    endpoints: full,
    ...extra,
  } as ContainerRecord;
}

describe("DNS and firewall derived from state", () => {
  const app = network("n1", "app", "10.1.0.0/24");
  const other = network("n2", "other", "10.2.0.0/24", { internal: true });
  const view = {
    networks: [app, other],
    containers: [
      container("web", { n1: { ip: "10.1.0.2", aliases: ["site"] } }),
      container("web2", { n1: { ip: "10.1.0.3", aliases: ["site"] } }),
      container("db", { n2: { ip: "10.2.0.2" } }),
      container("both", { n1: { ip: "10.1.0.9" }, n2: { ip: "10.2.0.9", links: ["db:database"] } }),
      container(
        "gone",
        { n1: { ip: "10.1.0.4" } },
        { state: { status: "exited" } as ContainerRecord["state"] },
      ),
    ],
  };
  const ask = (name: string, clientIp: string, serverIp = "10.1.0.1") =>
    dnsLookup(view, { serverIp, clientIp, name });

  it("answers names, aliases (all replicas) and NAME.NETWORK to clients of the network", () => {
    expect(ask("web", "10.1.0.3")).toEqual({ known: true, addresses: ["10.1.0.2"] });
    expect(ask("SITE.", "10.1.0.3")).toEqual({ known: true, addresses: ["10.1.0.2", "10.1.0.3"] });
    expect(ask("web.app", "10.1.0.3")).toEqual({ known: true, addresses: ["10.1.0.2"] });
    expect(ask("gone", "10.1.0.3")).toEqual({ known: false, addresses: [] });
  });

  it("never answers clients outside the served subnet; a client on two networks sees both; links are per client", () => {
    expect(ask("web", "10.2.0.2")).toEqual({ known: false, addresses: [] });
    expect(ask("db", "10.1.0.2")).toEqual({ known: false, addresses: [] });
    expect(ask("db", "10.1.0.9")).toEqual({ known: true, addresses: ["10.2.0.2"] });
    expect(ask("database", "10.2.0.9", "10.2.0.1")).toEqual({ known: true, addresses: ["10.2.0.2"] });
    expect(ask("database", "10.2.0.2", "10.2.0.1")).toEqual({ known: false, addresses: [] });
  });

  it("forwards nowhere from internal networks, to the client's Dns, else to the host's servers", () => {
    expect(dnsUpstreams(view, { serverIp: "10.2.0.1", clientIp: "10.2.0.2" }, ["9.9.9.9"])).toEqual([]);
    expect(dnsUpstreams(view, { serverIp: "10.1.0.1", clientIp: "10.1.0.2" }, ["9.9.9.9"])).toEqual([
      "9.9.9.9",
    ]);
  });

  it("the firewall state has every ready network and every container's ports, sorted", () => {
    const fw = firewallStateOf({
      networks: [other, app, network("n3", "half", "10.3.0.0/24", { phase: "creating" })],
      containers: [
        container(
          "p",
          {},
          {
            ports: [
              {
                protocol: "udp",
                hostPort: 53,
                containerIp: "10.1.0.5",
                containerPort: 53,
                bridge: "berthapp",
              },
              {
                protocol: "tcp",
                hostPort: 8080,
                containerIp: "10.1.0.5",
                containerPort: 80,
                bridge: "berthapp",
              },
            ],
          },
        ),
      ],
    });
    expect(fw.networks.map((n) => [n.bridge, n.internal, n.dns])).toEqual([
      ["berthapp", false, true],
      ["berthother", true, true],
    ]);
    expect(fw.forwards.map((f) => `${f.protocol}/${f.hostPort}`)).toEqual(["udp/53", "tcp/8080"]);
  });
});
