import type { DnsAnswer } from "../../network/dns/index.js";
import type { FirewallState } from "../../network/index.js";
import { cidrContains } from "../../network/index.js";
import type { ContainerRecord } from "../state/container-record.js";
import type { EndpointRecord } from "./endpoint-record.js";
import type { NetworkRecord } from "./network-record.js";

/** What DNS answers and firewall rules derive from: the networks and the containers (read at call time). */
export interface NetworkingView {
  networks: readonly NetworkRecord[];
  containers: readonly ContainerRecord[];
}

/** Whether a container's process is up (its endpoints count for DNS and its ports for the firewall). */
export function isLive(record: ContainerRecord): boolean {
  return record.state.status === "running" || record.state.status === "paused";
}

/** Firewall state: every ready network, and every container's published ports (set while it runs). Pure, sorted. */
export function firewallStateOf(view: NetworkingView): FirewallState {
  const networks = view.networks
    .filter((n) => n.phase === "ready")
    .map((n) => ({
      bridge: n.bridge,
      subnet: n.ipam.subnet,
      gateway: n.ipam.gateway,
      internal: n.internal,
      dns: !n.builtin,
    }))
    .sort((a, b) => a.bridge.localeCompare(b.bridge));
  // Ports are set from the start's setup (before the process runs) until the exit's teardown.
  const forwards = view.containers
    .flatMap((c) => c.ports ?? [])
    .sort(
      (a, b) =>
        a.hostPort - b.hostPort ||
        a.protocol.localeCompare(b.protocol) ||
        (a.hostIp ?? "").localeCompare(b.hostIp ?? ""),
    );
  return { networks, forwards };
}

/** The DNS names of a container on a network: its name, its aliases there, its short id (Docker's DNSNames). */
export function dnsNamesOf(record: ContainerRecord, endpoint: EndpointRecord): string[] {
  return [...new Set([record.name, ...endpoint.aliases, record.id.slice(0, 12)])];
}

/** `target[:alias]` → the target and the alias (the target's own name when none is given). */
export function parseLink(link: string): { target: string; alias: string } {
  const [target = "", alias] = link.replace(/^\//, "").split(":");
  return { target: target.replace(/^\//, ""), alias: (alias ?? target).replace(/^.*\//, "") };
}

function networkOfServer(view: NetworkingView, serverIp: string): NetworkRecord | undefined {
  return view.networks.find((n) => n.phase === "ready" && n.ipam.gateway === serverIp);
}

function attachedOn(
  view: NetworkingView,
  networkId: string,
): { record: ContainerRecord; endpoint: EndpointRecord }[] {
  return view.containers.flatMap((record) => {
    const endpoint = record.endpoints?.[networkId];
    return isLive(record) && endpoint?.ip ? [{ record, endpoint }] : [];
  });
}

function findContainer(view: NetworkingView, text: string): ContainerRecord | undefined {
  return view.containers.find(
    (c) => c.name === text || c.id === text || (text.length >= 12 && c.id.startsWith(text)),
  );
}

function namesOn(
  view: NetworkingView,
  network: NetworkRecord,
  wanted: string,
  client: ContainerRecord | undefined,
): string[] {
  let name = wanted;
  const suffix = `.${network.name.toLowerCase()}`;
  if (name.endsWith(suffix)) name = name.slice(0, -suffix.length);
  const addresses: string[] = [];
  for (const { record, endpoint } of attachedOn(view, network.id)) {
    if (endpoint.ip && dnsNamesOf(record, endpoint).some((n) => n.toLowerCase() === name))
      addresses.push(endpoint.ip);
  }
  const own = client?.endpoints?.[network.id];
  if (client && own) {
    for (const link of [...(client.body.HostConfig?.Links ?? []), ...own.links]) {
      const { target, alias } = parseLink(link);
      if (alias.toLowerCase() !== name) continue;
      const other = findContainer(view, target);
      const ip = other && isLive(other) ? other.endpoints?.[network.id]?.ip : undefined;
      if (ip) addresses.push(ip);
    }
  }
  return addresses;
}

/**
 * The embedded DNS's answer: names (name, aliases, short id, also as `NAME.NETWORK`) of live containers
 * on the user networks the client is attached to (as Docker's per-container resolver does), plus the
 * client's own link aliases. Only clients inside the served network's subnet get answers; the default
 * bridge only forwards.
 */
export function dnsLookup(
  view: NetworkingView,
  q: { serverIp: string; clientIp: string; name: string },
): DnsAnswer {
  const unknown: DnsAnswer = { known: false, addresses: [] };
  const served = networkOfServer(view, q.serverIp);
  if (!served || served.builtin || !cidrContains(served.ipam.subnet, q.clientIp)) return unknown;
  const name = q.name.toLowerCase().replace(/\.$/, "");
  const client = attachedOn(view, served.id).find(({ endpoint }) => endpoint.ip === q.clientIp)?.record;
  const networks = client
    ? view.networks.filter((n) => n.phase === "ready" && !n.builtin && client.endpoints?.[n.id]?.ip)
    : [served];
  const addresses = new Set(networks.flatMap((n) => namesOn(view, n, name, client)));
  if (addresses.size === 0) return unknown;
  return { known: true, addresses: [...addresses].sort() };
}

/** PTR answers: a live container's address on the served network → `NAME.NETWORK`. */
export function dnsReverse(
  view: NetworkingView,
  q: { serverIp: string; clientIp: string; ip: string },
): string | undefined {
  const network = networkOfServer(view, q.serverIp);
  if (!network || network.builtin || !cidrContains(network.ipam.subnet, q.clientIp)) return undefined;
  const hit = attachedOn(view, network.id).find(({ endpoint }) => endpoint.ip === q.ip);
  return hit ? `${hit.record.name}.${network.name}` : undefined;
}

/** Where the server forwards other names: nowhere for internal networks, the client's `Dns`, else the host's. */
export function dnsUpstreams(
  view: NetworkingView,
  q: { serverIp: string; clientIp: string },
  hostUpstreams: readonly string[],
): readonly string[] {
  const network = networkOfServer(view, q.serverIp);
  if (!network || network.internal) return [];
  const client = attachedOn(view, network.id).find(({ endpoint }) => endpoint.ip === q.clientIp);
  const own = client?.record.body.HostConfig?.Dns ?? [];
  return own.length > 0 ? own : hostUpstreams;
}
