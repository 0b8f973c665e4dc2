import { parseExtraHost, parseResolvConf, renderHosts, renderResolvConf } from "../../network/index.js";
import type { ContainerRecord } from "../state/container-record.js";
import { endpointOrder } from "./endpoint-plan.js";
import type { NetworkRecord } from "./network-record.js";
import { type NetworkingView, parseLink } from "./networking-view.js";

/** The generated /etc/hosts and /etc/resolv.conf of a networked container. */
export interface EtcContent {
  hosts: string;
  resolvConf: string;
}

function isLoopback(ip: string): boolean {
  return ip.startsWith("127.") || ip === "::1";
}

/**
 * /etc/hosts: localhost, the container's own addresses (eth0 first) under its hostname, `ExtraHosts`
 * (`host-gateway` is the primary network's gateway), and on the default bridge the legacy links.
 * /etc/resolv.conf: on a user network the embedded DNS at the primary gateway (with `DnsSearch`,
 * `DnsOptions`, else the host's, plus Docker's `ndots:0`); on the default bridge `Dns`, else the host's
 * non-loopback servers, else the forwarder at the bridge's gateway. Pure.
 */
export function etcContentOf(
  record: ContainerRecord,
  view: NetworkingView,
  hostResolvConf: string,
): EtcContent {
  const endpoints = record.endpoints ?? {};
  const primaryId = record.primaryNetwork ?? "";
  const networks = new Map(view.networks.map((n) => [n.id, n]));
  const primary: NetworkRecord | undefined = networks.get(primaryId);
  const order = endpointOrder(primaryId, endpoints);
  const addresses = order.flatMap((id) => (endpoints[id]?.ip ? [endpoints[id].ip] : []));
  const gateway = primary?.ipam.gateway ?? "";
  const host = record.body.HostConfig ?? {};
  const extraHosts = (host.ExtraHosts ?? []).map((text) => parseExtraHost(text, gateway));
  const links: { ip: string; names: string[] }[] = [];
  if (primary?.builtin) {
    for (const link of host.Links ?? []) {
      const { target, alias } = parseLink(link);
      const other = view.containers.find((c) => c.name === target || c.id === target);
      const ip = other?.endpoints?.[primary.id]?.ip;
      if (other && ip) links.push({ ip, names: [...new Set([alias, other.name, other.id.slice(0, 12)])] });
    }
  }
  const hosts = renderHosts({
    hostname: record.spec.hostname,
    ...(record.spec.domainname ? { domainname: record.spec.domainname } : {}),
    addresses,
    extraHosts,
    links,
  });
  const hostConf = parseResolvConf(hostResolvConf);
  const search = host.DnsSearch?.length ? host.DnsSearch : hostConf.search;
  const options = host.DnsOptions?.length ? host.DnsOptions : hostConf.options;
  let nameservers: readonly string[];
  let finalOptions = options;
  if (primary && !primary.builtin) {
    nameservers = [gateway];
    if (!options.some((o) => o.startsWith("ndots:"))) finalOptions = [...options, "ndots:0"];
  } else if (host.Dns?.length) {
    nameservers = host.Dns;
  } else {
    const usable = hostConf.nameservers.filter((ns) => !isLoopback(ns));
    nameservers = usable.length > 0 ? usable : gateway ? [gateway] : [];
  }
  return { hosts, resolvConf: renderResolvConf({ nameservers, search, options: finalOptions }) };
}
