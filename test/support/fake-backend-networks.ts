import { createHash } from "node:crypto";
import type { NetworkInspect } from "../../src/api/index.js";
import type { EngineBackend } from "../../src/engine/backend.js";
import { networkCreateSpec } from "../../src/engine/networks/network-create-spec.js";
import type { NetworkRecord } from "../../src/engine/networks/network-record.js";
import {
  type NetworkEntry,
  networkInspectOf,
  networkMatchesFilters,
} from "../../src/engine/networks/network-views.js";
import { BerthError, NotFoundError } from "../../src/shared/errors.js";

/** A network held by the fake: a record and the ids of the containers on it. */
export interface FakeNetwork {
  entry: NetworkEntry;
  containers: Set<string>;
}

/** What the fake's network methods need from the fake backend. */
export interface FakeNetworkHost {
  networks: Map<string, FakeNetwork>;
  containerExists(idOrName: string): string;
  emit(type: "network", action: string, id: string, attributes: Record<string, string>): void;
  iso(): string;
}

function hexId(seed: string): string {
  return createHash("sha256").update(seed).digest("hex");
}

/** Adds Docker's three predefined networks to a fake's map. */
export function predefinedNetworks(networks: Map<string, FakeNetwork>): void {
  for (const [name, driver] of [
    ["bridge", "bridge"],
    ["host", "host"],
    ["none", "null"],
  ] as const) {
    const id = hexId(`fake-network:${name}`);
    networks.set(id, {
      entry: { id, name, driver, created: "0001-01-01T00:00:00Z", builtin: true },
      containers: new Set(),
    });
  }
}

/** The fake's network operations (in memory; subnets 10.213.N.0/24 in creation order). */
export function fakeNetworkMethods(host: FakeNetworkHost) {
  let counter = 0;
  const find = (text: string): FakeNetwork => {
    const all = [...host.networks.values()];
    const hit =
      all.find((n) => n.entry.id === text) ??
      all.find((n) => n.entry.name === text) ??
      all.find((n) => text.length >= 3 && n.entry.id.startsWith(text));
    if (!hit) throw new NotFoundError(`network ${text} not found`);
    return hit;
  };
  const view = (n: FakeNetwork): NetworkInspect => networkInspectOf(n.entry, []);
  const remove = (n: FakeNetwork) => {
    host.networks.delete(n.entry.id);
    host.emit("network", "destroy", n.entry.id, { name: n.entry.name, type: "bridge" });
  };
  return {
    listNetworks: (async (query) =>
      [...host.networks.values()]
        .filter((n) => networkMatchesFilters(n.entry, n.containers.size > 0, query.filters))
        .map(view)) satisfies EngineBackend["listNetworks"],
    inspectNetwork: (async (id) => view(find(id))) satisfies EngineBackend["inspectNetwork"],
    createNetwork: (async (body) => {
      const spec = networkCreateSpec(body);
      if ([...host.networks.values()].some((n) => n.entry.name === spec.name)) {
        throw new BerthError("CONFLICT", `network with name ${spec.name} already exists`);
      }
      const id = hexId(`fake-network:${spec.name}:${counter}`);
      const subnet = spec.ipam.subnet ?? `10.213.${counter}.0/24`;
      counter += 1;
      const record: NetworkRecord = {
        id,
        name: spec.name,
        driver: "bridge",
        bridge: `berth${id.slice(0, 10)}`,
        created: host.iso(),
        internal: spec.internal,
        attachable: spec.attachable,
        labels: spec.labels,
        options: spec.options,
        ipam: { subnet, gateway: spec.ipam.gateway ?? subnet.replace(/0\/\d+$/, "1"), auxAddresses: {} },
        builtin: false,
        phase: "ready",
      };
      host.networks.set(id, {
        entry: { id, name: spec.name, driver: "bridge", created: record.created, builtin: false, record },
        containers: new Set(),
      });
      host.emit("network", "create", id, { name: spec.name, type: "bridge" });
      return { Id: id, Warning: "" };
    }) satisfies EngineBackend["createNetwork"],
    removeNetwork: (async (text) => {
      const network = find(text);
      if (network.entry.builtin) {
        throw new BerthError(
          "INVALID_ARGUMENT",
          `${network.entry.name} is a pre-defined network and cannot be removed`,
          {
            details: { status: 403 },
          },
        );
      }
      if (network.containers.size > 0) {
        throw new BerthError(
          "CONFLICT",
          `error while removing network: network ${network.entry.name} has active endpoints`,
        );
      }
      remove(network);
    }) satisfies EngineBackend["removeNetwork"],
    connectNetwork: (async (text, body) => {
      const network = find(text);
      const id = host.containerExists(body.Container);
      network.containers.add(id);
      host.emit("network", "connect", network.entry.id, {
        container: id,
        name: network.entry.name,
        type: "bridge",
      });
    }) satisfies EngineBackend["connectNetwork"],
    disconnectNetwork: (async (text, body) => {
      const network = find(text);
      const id = host.containerExists(body.Container);
      if (!network.containers.delete(id)) {
        throw new BerthError("CONFLICT", `container ${id} is not connected to network ${network.entry.name}`);
      }
      host.emit("network", "disconnect", network.entry.id, {
        container: id,
        name: network.entry.name,
        type: "bridge",
      });
    }) satisfies EngineBackend["disconnectNetwork"],
    pruneNetworks: (async (_query) => {
      const deleted: string[] = [];
      for (const network of [...host.networks.values()]) {
        if (network.entry.builtin || network.containers.size > 0) continue;
        remove(network);
        deleted.push(network.entry.name);
      }
      return { NetworksDeleted: deleted.sort() };
    }) satisfies EngineBackend["pruneNetworks"],
  };
}
