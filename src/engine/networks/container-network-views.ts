import type { ContainerSummary, EndpointSettings, NetworkSettings } from "../../api/index.js";
import type { ImageSide } from "../containers/create-spec.js";
import type { ContainerRecord } from "../state/container-record.js";
import { dnsNamesOf, isLive } from "./networking-view.js";
import { publishedKeys } from "./port-plan.js";

/** The NetworkMode inspect and list report ("bridge" for the default network, as Docker ≥ 1.44). */
export function networkModeOf(record: ContainerRecord): string {
  const mode = record.body.HostConfig?.NetworkMode ?? "";
  if (mode === "" || mode === "default") return record.endpoints ? "bridge" : "none";
  return mode;
}

function endpointsView(record: ContainerRecord): Record<string, EndpointSettings> {
  const out: Record<string, EndpointSettings> = {};
  const live = isLive(record);
  const entries = Object.entries(record.endpoints ?? {}).sort(([, a], [, b]) => a.name.localeCompare(b.name));
  for (const [networkId, e] of entries) {
    const up = live && e.ip !== undefined;
    out[e.name] = {
      IPAMConfig: e.staticIp ? { IPv4Address: e.staticIp } : null,
      Links: e.links.length > 0 ? [...e.links] : null,
      Aliases: e.aliases.length > 0 ? [...e.aliases] : null,
      MacAddress: up ? (e.macAddress ?? "") : "",
      DriverOpts: null,
      GwPriority: e.priority,
      NetworkID: networkId,
      EndpointID: up ? (e.endpointId ?? "") : "",
      Gateway: up ? (e.gateway ?? "") : "",
      IPAddress: up ? (e.ip ?? "") : "",
      IPPrefixLen: up ? (e.prefix ?? 0) : 0,
      IPv6Gateway: "",
      GlobalIPv6Address: "",
      GlobalIPv6PrefixLen: 0,
      DNSNames: up && e.name !== "bridge" ? dnsNamesOf(record, e) : null,
    };
  }
  return out;
}

function portsView(record: ContainerRecord): NetworkSettings["Ports"] {
  const ports: NetworkSettings["Ports"] = {};
  if (!isLive(record)) return ports;
  const exposed = [
    ...((record.spec.image as ImageSide).exposedPorts ?? []),
    ...Object.keys(record.body.ExposedPorts ?? {}),
  ];
  for (const key of exposed) ports[key.includes("/") ? key : `${key}/tcp`] = null;
  for (const key of publishedKeys(record.body, []).keys()) ports[key] = null;
  for (const p of record.ports ?? []) {
    const key = `${p.containerPort}/${p.protocol}`;
    const list = ports[key] ?? [];
    list.push({ HostIp: p.hostIp ?? "0.0.0.0", HostPort: String(p.hostPort) });
    ports[key] = list;
  }
  return Object.fromEntries(Object.entries(ports).sort(([a], [b]) => a.localeCompare(b)));
}

/** Inspect's NetworkSettings: sandbox, ports with the real host ports, and one entry per network. */
export function networkSettingsOf(record: ContainerRecord, sandboxKey: string | undefined): NetworkSettings {
  const networks = endpointsView(record);
  const primary = record.primaryNetwork ? record.endpoints?.[record.primaryNetwork] : undefined;
  const main = primary ? networks[primary.name] : undefined;
  return {
    Bridge: "",
    SandboxID: isLive(record) && sandboxKey ? record.id : "",
    SandboxKey: isLive(record) && sandboxKey ? sandboxKey : "",
    Ports: portsView(record),
    IPAddress: main?.IPAddress ?? "",
    IPPrefixLen: main?.IPPrefixLen ?? 0,
    Gateway: main?.Gateway ?? "",
    MacAddress: main?.MacAddress ?? "",
    Networks: networks,
  };
}

/** The list's Ports (published ones with their host side, exposed ones without) and Networks. */
export function summaryNetworkingOf(
  record: ContainerRecord,
): Pick<ContainerSummary, "Ports" | "NetworkSettings"> {
  const ports: ContainerSummary["Ports"] = (record.ports ?? [])
    .filter(() => isLive(record))
    .map((p) => ({
      IP: p.hostIp ?? "0.0.0.0",
      PrivatePort: p.containerPort,
      PublicPort: p.hostPort,
      Type: p.protocol,
    }));
  return { Ports: ports, NetworkSettings: { Networks: endpointsView(record) } };
}
