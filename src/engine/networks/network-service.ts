import type {
  NetworkConnectBody,
  NetworkCreateBody,
  NetworkCreateResponse,
  NetworkDisconnectBody,
  NetworkInspect,
  NetworkListQuery,
  NetworkPruneQuery,
  NetworkPruneResponse,
} from "../../api/index.js";
import { BerthError } from "../../shared/errors.js";
import { type EngineCore, findRecord, saveRecord } from "../core/engine-core.js";
import { parseIso, ZERO_TIME } from "../util/time.js";
import { attachLive, detachLive, writeNetworkEtc } from "./container-networking.js";
import { networkPlanFromCreate } from "./endpoint-plan.js";
import { builtinNetworkId, DEFAULT_NETWORK, forbidden } from "./network-ids.js";
import type { NetworkManager } from "./network-manager.js";
import type { NetworkRecord } from "./network-record.js";
import {
  type AttachedContainer,
  type NetworkEntry,
  networkFilterKeys,
  networkInspectOf,
  networkMatchesFilters,
} from "./network-views.js";
import { isLive } from "./networking-view.js";

function entries(core: EngineCore, manager: NetworkManager): NetworkEntry[] {
  const instance = core.paths.instance;
  const pseudo = (name: string, driver: string): NetworkEntry => ({
    id: builtinNetworkId(instance, name),
    name,
    driver,
    created: ZERO_TIME,
    builtin: true,
  });
  const entryOf = (record: NetworkRecord): NetworkEntry => ({
    id: record.id,
    name: record.name,
    driver: record.driver,
    created: record.created,
    builtin: record.builtin,
    record,
  });
  const records = [...manager.records.values()];
  const bridge = manager.records.get(manager.defaultId);
  return [
    bridge ? entryOf(bridge) : pseudo(DEFAULT_NETWORK, "bridge"),
    pseudo("host", "host"),
    pseudo("none", "null"),
    ...records.filter((r) => !r.builtin).map(entryOf),
  ];
}

function attachedTo(core: EngineCore, networkId: string): AttachedContainer[] {
  return [...core.records.values()].flatMap((c) => {
    const e = c.endpoints?.[networkId];
    return isLive(c) && e?.ip
      ? [
          {
            id: c.id,
            name: c.name,
            endpointId: e.endpointId ?? "",
            mac: e.macAddress ?? "",
            ip: e.ip,
            prefix: e.prefix ?? 0,
          },
        ]
      : [];
  });
}

function findEntry(core: EngineCore, manager: NetworkManager, text: string): NetworkEntry {
  const all = entries(core, manager);
  const exact = all.find((e) => e.id === text) ?? all.find((e) => e.name === text);
  if (exact) return exact;
  const prefixed = /^[0-9a-f]+$/.test(text) ? all.filter((e) => e.id.startsWith(text)) : [];
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  manager.find(text); // throws Docker's 404 (or the ambiguity error)
  throw new BerthError("INTERNAL", "unreachable");
}

/** GET /networks: the networks passing the filters (unknown filter keys are refused). */
export function listNetworks(
  core: EngineCore,
  manager: NetworkManager,
  query: NetworkListQuery,
): NetworkInspect[] {
  const known: readonly string[] = networkFilterKeys;
  const unknown = Object.keys(query.filters).find((key) => !known.includes(key));
  if (unknown) throw new BerthError("INVALID_ARGUMENT", `invalid filter '${unknown}'`);
  return entries(core, manager)
    .filter((e) => networkMatchesFilters(e, manager.usersOf(e.id).length > 0, query.filters))
    .map((e) => networkInspectOf(e, attachedTo(core, e.id)));
}

/** GET /networks/{id}. */
export function inspectNetwork(core: EngineCore, manager: NetworkManager, text: string): NetworkInspect {
  const entry = findEntry(core, manager, text);
  return networkInspectOf(entry, attachedTo(core, entry.id));
}

/** POST /networks/create. */
export async function createNetwork(
  manager: NetworkManager,
  body: NetworkCreateBody,
): Promise<NetworkCreateResponse> {
  const record = await manager.create(body);
  return { Id: record.id, Warning: "" };
}

/** POST /networks/prune (filters: until, label, label!). */
export async function pruneNetworks(
  core: EngineCore,
  manager: NetworkManager,
  query: NetworkPruneQuery,
): Promise<NetworkPruneResponse> {
  const { until = [], label = [], "label!": notLabel = [] } = query.filters;
  const unknown = Object.keys(query.filters).find((key) => !["until", "label", "label!"].includes(key));
  if (unknown) throw new BerthError("INVALID_ARGUMENT", `invalid filter '${unknown}'`);
  const has = (labels: Record<string, string>, wanted: string) => {
    const eq = wanted.indexOf("=");
    return eq < 0 ? wanted in labels : labels[wanted.slice(0, eq)] === wanted.slice(eq + 1);
  };
  const untilMs = until.length > 0 ? untilToMs(until[0] ?? "", core.clock.now()) : undefined;
  const deleted = await manager.prune((record) => {
    if (untilMs !== undefined && (parseIso(record.created) ?? 0) >= untilMs) return true;
    if (!label.every((l) => has(record.labels, l))) return true;
    return notLabel.some((l) => has(record.labels, l));
  });
  return { NetworksDeleted: deleted };
}

function untilToMs(text: string, nowMs: number): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const duration = /^(\d+)(s|m|h)$/.exec(text);
  if (duration)
    return nowMs - Number(duration[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[duration[2] as "s" | "m" | "h"];
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new BerthError("INVALID_ARGUMENT", `invalid until filter "${text}"`);
  return parsed;
}

/** POST /networks/{id}/connect: a running container is attached now, a stopped one at its next start. */
export async function connectNetwork(
  core: EngineCore,
  manager: NetworkManager,
  text: string,
  body: NetworkConnectBody,
): Promise<void> {
  const ref = manager.resolve(text);
  const record = findRecord(core, body.Container);
  await core.mutex.run(record.id, async () => {
    if (record.spec.network.mode !== "netns" || record.netnsOf) {
      throw new BerthError(
        "INVALID_ARGUMENT",
        `container ${record.name} does not have a network of its own (network mode ${record.body.HostConfig?.NetworkMode ?? "none"}): it cannot be connected`,
      );
    }
    if (record.endpoints?.[ref.id]) {
      throw forbidden(`endpoint with name ${record.name} already exists in network ${ref.name}`);
    }
    const plan = networkPlanFromCreate(
      {
        Image: "",
        HostConfig: { NetworkMode: ref.id },
        NetworkingConfig: { EndpointsConfig: { [ref.id]: body.EndpointConfig ?? {} } },
      },
      (key) => (key === ref.id ? ref : manager.resolve(key)),
    );
    const endpoint = plan.kind === "networks" ? plan.endpoints[ref.id] : undefined;
    if (!endpoint) throw new BerthError("INTERNAL", "unreachable: no endpoint planned");
    const network = ref.isDefault ? await manager.ensureDefault() : manager.find(ref.id);
    record.endpoints = { ...(record.endpoints ?? {}), [ref.id]: endpoint };
    record.primaryNetwork ??= ref.id;
    try {
      if (isLive(record)) await attachLive(core, manager, record, network);
      await saveRecord(core, record);
    } catch (error: unknown) {
      delete record.endpoints[ref.id];
      if (record.primaryNetwork === ref.id) delete record.primaryNetwork;
      throw error;
    }
    manager.emit(network, "connect", record.id);
  });
}

/** POST /networks/{id}/disconnect. */
export async function disconnectNetwork(
  core: EngineCore,
  manager: NetworkManager,
  text: string,
  body: NetworkDisconnectBody,
): Promise<void> {
  const ref = manager.resolve(text);
  const record = findRecord(core, body.Container);
  await core.mutex.run(record.id, async () => {
    const endpoints = record.endpoints ?? {};
    if (!endpoints[ref.id]) {
      throw new BerthError("CONFLICT", `container ${record.id} is not connected to network ${ref.name}`);
    }
    const network = manager.records.get(ref.id);
    if (network && isLive(record)) await detachLive(manager, record, network);
    delete endpoints[ref.id];
    if (record.primaryNetwork === ref.id) {
      const next = Object.keys(endpoints)[0];
      if (next) record.primaryNetwork = next;
      else delete record.primaryNetwork;
    }
    if (isLive(record)) await writeNetworkEtc(core, manager, record);
    await saveRecord(core, record);
    manager.emit({ id: ref.id, name: ref.name }, "disconnect", record.id);
  });
}
