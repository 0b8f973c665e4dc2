import type { ContainerCreateBody, EndpointConfig } from "../../api/index.js";
import { validateMac } from "../../network/index.js";
import { BerthError } from "../../shared/errors.js";
import type { EndpointRecord, NetworkPlan } from "./endpoint-record.js";

/** A network as the plan needs it: resolved by name, id or id prefix. */
export interface NetworkRef {
  id: string;
  name: string;
  /** The default network "bridge" (no aliases, no static addresses). */
  isDefault: boolean;
}

/** Finds a network by name, id or unique id prefix; NOT_FOUND (Docker's "network X not found") otherwise. */
export type ResolveNetwork = (nameOrId: string) => NetworkRef;

/** Network modes that are not networks. */
const SPECIAL_MODES = new Set(["host", "none"]);

function endpointOf(ref: NetworkRef, config: EndpointConfig | null | undefined): EndpointRecord {
  const aliases = [...(config?.Aliases ?? [])];
  const staticIp = config?.IPAMConfig?.IPv4Address || undefined;
  if (ref.isDefault && aliases.length > 0) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      "network-scoped alias is supported only for containers in user defined networks",
    );
  }
  if (ref.isDefault && staticIp) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      "user specified IP address is supported on user defined networks only",
    );
  }
  if (config?.IPAMConfig?.IPv6Address) {
    throw new BerthError("INVALID_ARGUMENT", "IPv6 is not supported yet");
  }
  const macText = config?.MacAddress;
  return {
    name: ref.name,
    aliases,
    links: [...(config?.Links ?? [])],
    ...(staticIp ? { staticIp } : {}),
    ...(macText ? { mac: validateMac(macText) } : {}),
    priority: config?.GwPriority ?? 0,
  };
}

function refuseEndpoints(mode: string, configs: Record<string, unknown>): void {
  const others = Object.keys(configs).filter((key) => key !== mode);
  if (others.length > 0) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      `Container cannot be connected to network endpoints: ${[mode, ...others].join(", ")}`,
    );
  }
}

/**
 * How a create request networks its container (pure): NetworkMode ""/"default"/"bridge" → the default
 * network (unless "" or "default" come with EndpointsConfig: then those networks), a network name or id →
 * that network, plus every network of EndpointsConfig. The primary network (eth0, default route) is
 * NetworkMode's, else the one with the highest GwPriority (first given on a tie).
 */
export function networkPlanFromCreate(body: ContainerCreateBody, resolve: ResolveNetwork): NetworkPlan {
  const mode = body.HostConfig?.NetworkMode ?? "";
  // Docker's CLI names the default network "default" (NetworkMode and the EndpointsConfig key alike).
  const configs = Object.fromEntries(
    Object.entries(body.NetworkingConfig?.EndpointsConfig ?? {}).map(([key, config]) => [
      key === "default" ? "bridge" : key,
      config,
    ]),
  );
  if (SPECIAL_MODES.has(mode)) {
    refuseEndpoints(mode, configs);
    return mode === "host" ? { kind: "host" } : { kind: "none" };
  }
  if (mode.startsWith("container:")) {
    refuseEndpoints(mode, configs);
    const target = mode.slice("container:".length);
    if (target === "") throw new BerthError("INVALID_ARGUMENT", "invalid network mode: container:");
    return { kind: "container", target };
  }
  const legacyMac = body.MacAddress || undefined;
  const endpoints: Record<string, EndpointRecord> = {};
  const order: { id: string; priority: number }[] = [];
  const add = (key: string, config: EndpointConfig | null | undefined) => {
    const ref = resolve(key);
    if (endpoints[ref.id]) return ref.id;
    endpoints[ref.id] = endpointOf(ref, config);
    order.push({ id: ref.id, priority: endpoints[ref.id]?.priority ?? 0 });
    return ref.id;
  };
  const named = mode === "" || mode === "default" ? undefined : mode;
  let primary: string | undefined;
  if (named !== undefined || Object.keys(configs).length === 0) {
    const key = named ?? "bridge";
    const own = configs[key] ?? Object.entries(configs).find(([k]) => resolve(k).id === resolve(key).id)?.[1];
    primary = add(key, own);
  }
  for (const [key, config] of Object.entries(configs)) add(key, config);
  if (primary === undefined) primary = order.reduce((a, b) => (b.priority > a.priority ? b : a)).id;
  const first = endpoints[primary];
  if (first && legacyMac && !first.mac) first.mac = validateMac(legacyMac);
  return { kind: "networks", primary, endpoints };
}

/** The endpoint order (eth0 first): the primary, then by priority (highest first), then by name. */
export function endpointOrder(primary: string, endpoints: Record<string, EndpointRecord>): string[] {
  const rest = Object.keys(endpoints)
    .filter((id) => id !== primary)
    .sort((a, b) => {
      const ea = endpoints[a];
      const eb = endpoints[b];
      const byPriority = (eb?.priority ?? 0) - (ea?.priority ?? 0);
      return byPriority !== 0 ? byPriority : (ea?.name ?? "").localeCompare(eb?.name ?? "");
    });
  return endpoints[primary] ? [primary, ...rest] : rest;
}
