import { UsageError } from "../../shared/errors.js";
import type { ContainerCreateBody, HostConfig } from "../containers/api-types.js";
import { isIp } from "./ip-text.js";
import { checkIpv4, checkLink, checkMac, networkAttachments } from "./network-attachments.js";
import { parseExpose, parsePublish } from "./publish-spec.js";

/** The network flags of `run`/`create`, as the CLI collected them. */
export interface RunNetworkFlags {
  network?: readonly string[];
  networkAlias?: readonly string[];
  ip?: string;
  macAddress?: string;
  publish?: readonly string[];
  publishAll?: boolean;
  expose?: readonly string[];
  dns?: readonly string[];
  dnsSearch?: readonly string[];
  dnsOption?: readonly string[];
  addHost?: readonly string[];
  hostname?: string;
  domainname?: string;
  link?: readonly string[];
}

/** The parts of a create body the network flags set: Config fields, HostConfig fields, NetworkingConfig. */
export interface RunNetworking {
  config: Pick<ContainerCreateBody, "Hostname" | "Domainname" | "ExposedPorts">;
  host: Pick<
    HostConfig,
    | "NetworkMode"
    | "PortBindings"
    | "PublishAllPorts"
    | "Dns"
    | "DnsSearch"
    | "DnsOptions"
    | "ExtraHosts"
    | "Links"
  >;
  networking?: NonNullable<ContainerCreateBody["NetworkingConfig"]>;
}

function bad(flag: string, text: string, reason: string): never {
  throw new UsageError(`invalid argument "${text}" for "${flag}" flag: ${reason}`);
}

/** `--add-host name:ip` or `name=ip` (`[::1]` unbracketed, `host-gateway` kept) as `name:ip`. */
export function parseAddHost(text: string): string {
  const eq = text.indexOf("=");
  const sep = eq >= 0 ? eq : text.indexOf(":");
  if (sep <= 0) bad("--add-host", text, `bad format for add-host: "${text}"`);
  const name = text.slice(0, sep);
  const ip = text.slice(sep + 1).replace(/^\[(.*)\]$/, "$1");
  if (ip !== "host-gateway" && !isIp(ip)) bad("--add-host", text, `invalid IP address in add-host: "${ip}"`);
  return `${name}:${ip}`;
}

/** `--dns-search` entries: `.` or a domain of dot-separated labels. */
function checkSearchDomain(text: string): string {
  const domain = text.replace(/\.$/, "");
  const label = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
  if (text !== "." && (domain === "" || !domain.split(".").every((part) => label.test(part)))) {
    bad("--dns-search", text, `${text} is not a valid domain`);
  }
  return text;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key] as T]),
  );
}

/**
 * The network flags of `run`/`create` as Docker's CLI puts them in the create body: ports in
 * ExposedPorts and HostConfig.PortBindings (keys sorted, as Go's JSON sorts map keys), DNS and hosts
 * in HostConfig, networks in NetworkMode and NetworkingConfig.EndpointsConfig. Errors name the flag.
 */
export function runNetworking(given: RunNetworkFlags): RunNetworking {
  const none: readonly string[] = [];
  const flags = {
    ...given,
    network: given.network ?? none,
    networkAlias: given.networkAlias ?? none,
    publish: given.publish ?? none,
    expose: given.expose ?? none,
    dns: given.dns ?? none,
    dnsSearch: given.dnsSearch ?? none,
    dnsOption: given.dnsOption ?? none,
    addHost: given.addHost ?? none,
    link: given.link ?? none,
  };
  const config: RunNetworking["config"] = {};
  const host: RunNetworking["host"] = {};
  if (flags.hostname !== undefined) config.Hostname = flags.hostname;
  if (flags.domainname !== undefined) config.Domainname = flags.domainname;
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const value of flags.publish) {
    for (const port of parsePublish(value)) {
      exposed[port.port] = {};
      bindings[port.port] = [
        ...(bindings[port.port] ?? []),
        { HostIp: port.hostIp, HostPort: port.hostPort },
      ];
    }
  }
  for (const value of flags.expose) for (const port of parseExpose(value)) exposed[port] = {};
  if (Object.keys(exposed).length > 0) config.ExposedPorts = sorted(exposed);
  if (Object.keys(bindings).length > 0) host.PortBindings = sorted(bindings);
  if (flags.publishAll) host.PublishAllPorts = true;
  for (const server of flags.dns) {
    if (!isIp(server)) bad("--dns", server, `IP address is not correctly formatted: ${server}`);
  }
  if (flags.dns.length > 0) host.Dns = [...flags.dns];
  if (flags.dnsSearch.length > 0) host.DnsSearch = flags.dnsSearch.map(checkSearchDomain);
  if (flags.dnsOption.length > 0) host.DnsOptions = [...flags.dnsOption];
  if (flags.addHost.length > 0) host.ExtraHosts = flags.addHost.map(parseAddHost);
  const links = flags.link.map((link) => checkLink(link));
  if (links.length > 0) host.Links = links;
  const attached = networkAttachments(flags.network, {
    aliases: [...flags.networkAlias],
    ...(flags.ip !== undefined ? { ip: checkIpv4(flags.ip, "--ip") } : {}),
    ...(flags.macAddress !== undefined ? { macAddress: checkMac(flags.macAddress, "--mac-address") } : {}),
    links,
  });
  if (attached.mode !== undefined) host.NetworkMode = attached.mode;
  const result: RunNetworking = { config, host };
  if (Object.keys(attached.endpoints).length > 0) result.networking = { EndpointsConfig: attached.endpoints };
  return result;
}
