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

/**
 * The embedded DNS's answer on user networks: names of live containers attached to the network the
 * server serves (name, aliases, short id, also as `NAME.NETWORK`), plus the client's own link aliases.
 * Only clients inside that network's subnet get answers; the default bridge only forwards.
 */
export function dnsLookup(
  view: NetworkingView,
  q: { serverIp: string; clientIp: string; name: string },
): DnsAnswer {
  const unknown: DnsAnswer = { known: false, addresses: [] };
  const network = networkOfServer(view, q.serverIp);
  if (!network || network.builtin || !cidrContains(network.ipam.subnet, q.clientIp)) return unknown;
  let name = q.name.toLowerCase().replace(/\.$/, "");
  const suffix = `.${network.name.toLowerCase()}`;
  if (name.endsWith(suffix)) name = name.slice(0, -suffix.length);
  const attached = attachedOn(view, network.id);
  const addresses = new Set<string>();
  for (const { record, endpoint } of attached) {
    if (dnsNamesOf(record, endpoint).some((n) => n.toLowerCase() === name) && endpoint.ip)
      addresses.add(endpoint.ip);
  }
  const client = attached.find(({ endpoint }) => endpoint.ip === q.clientIp);
  if (client) {
    const links = [...(client.record.body.HostConfig?.Links ?? []), ...client.endpoint.links];
    for (const link of links) {
      const { target, alias } = parseLink(link);
      if (alias.toLowerCase() !== name) continue;
      const ip = findContainer(view, target)?.endpoints?.[network.id]?.ip;
      if (ip) addresses.add(ip);
    }
  }
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
