import { isIP } from "node:net";
import { BerthError } from "../../shared/errors.js";

/** One extra /etc/hosts entry (compose `extra_hosts`, `--add-host`). */
export interface ExtraHost {
  name: string;
  ip: string;
}

/** Input of `renderHosts`. */
export interface HostsInput {
  hostname: string;
  domainname?: string;
  /** The container's own addresses, the primary one first. */
  addresses: readonly string[];
  extraHosts: readonly ExtraHost[];
  /** Legacy links: an address and its names. */
  links?: readonly { ip: string; names: string[] }[];
}

const DEFAULT_LINES = [
  "127.0.0.1\tlocalhost",
  "::1\tlocalhost ip6-localhost ip6-loopback",
  "fe00::0\tip6-localnet",
  "ff00::0\tip6-mcastprefix",
  "ff02::1\tip6-allnodes",
  "ff02::2\tip6-allrouters",
];

/**
 * A container's /etc/hosts in Docker's layout: the loopback lines, the extra hosts and links in the given
 * order, then one line per own address ("ip\thost.domain host" or "ip\thost").
 */
export function renderHosts(input: HostsInput): string {
  const names =
    input.domainname === undefined || input.domainname === ""
      ? input.hostname
      : `${input.hostname}.${input.domainname} ${input.hostname}`;
  const lines = [
    ...DEFAULT_LINES,
    ...input.extraHosts.map((entry) => `${entry.ip}\t${entry.name}`),
    ...(input.links ?? []).map((link) => `${link.ip}\t${link.names.join(" ")}`),
    ...input.addresses.map((ip) => `${ip}\t${names}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** The special address of `extra_hosts` that stands for the host's gateway address. */
export const HOST_GATEWAY = "host-gateway";

/** Parses "name:ip" or "name=ip" (ip may be `host-gateway`, or an IPv6 address, bracketed or not). */
export function parseExtraHost(text: string, hostGateway: string): ExtraHost {
  const equals = text.indexOf("=");
  const separator = equals >= 0 ? equals : text.indexOf(":");
  const fail = (why: string): BerthError =>
    new BerthError("INVALID_ARGUMENT", `invalid extra host ${JSON.stringify(text)}: ${why}`, {
      details: { extraHost: text },
    });
  if (separator < 0) throw fail("expected name:ip or name=ip");
  const name = text.slice(0, separator).trim();
  let ip = text.slice(separator + 1).trim();
  if (name === "" || /\s/.test(name)) throw fail("the host name is empty or has spaces");
  if (ip === HOST_GATEWAY) return { name, ip: hostGateway };
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  if (isIP(ip) === 0) throw fail(`${JSON.stringify(ip)} is not an IP address`);
  return { name, ip };
}
