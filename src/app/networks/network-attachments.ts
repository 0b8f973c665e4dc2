import { UsageError } from "../../shared/errors.js";
import { ipv4Number } from "./ip-text.js";
import type { EndpointConfig } from "./network-types.js";

/** One `--network` value: the network (or mode) and its per-network settings (advanced syntax). */
export interface NetworkAttachment {
  target: string;
  aliases: string[];
  ipv4?: string;
  macAddress?: string;
  driverOpts: Record<string, string>;
  gwPriority?: number;
}

/** The endpoint flags of `run` that apply to the first network (`--network-alias`, `--ip`, …). */
export interface EndpointFlags {
  aliases: string[];
  ip?: string;
  macAddress?: string;
  links: string[];
}

/** Whether a network mode names a user-defined network (not default, bridge, host, none, container:X). */
export function isUserDefined(mode: string): boolean {
  return !["default", "bridge", "host", "none"].includes(mode) && !mode.startsWith("container:");
}

function bad(flag: string, text: string, reason: string): never {
  throw new UsageError(`invalid argument "${text}" for "${flag}" flag: ${reason}`);
}

/** Checks `--ip` (IPv4 only: berth's networks have no IPv6). */
export function checkIpv4(text: string, flag: string): string {
  if (ipv4Number(text) === undefined) bad(flag, text, "invalid IPv4 address");
  return text;
}

/** Checks `--mac-address` (six hex pairs separated by colons). */
export function checkMac(text: string, flag: string): string {
  if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(text))
    bad(flag, text, `${text} is not a valid mac address`);
  return text;
}

/** Checks `--link name[:alias]`. */
export function checkLink(text: string, flag = "--link"): string {
  const parts = text.split(":");
  if (parts.length > 2 || parts.some((part) => part === "")) bad(flag, text, `bad format for links: ${text}`);
  return text;
}

/** One `--network` value: `NAME`, `host`, `none`, `container:X`, or `name=N,alias=A,ip=I,mac-address=M,driver-opt=K=V,gw-priority=P`. */
export function parseNetworkFlag(text: string): NetworkAttachment {
  const flag = "--network";
  if (text === "") bad(flag, text, "empty network name");
  const attachment: NetworkAttachment = { target: text, aliases: [], driverOpts: {} };
  if (!text.includes("=")) return attachment;
  attachment.target = "";
  for (const field of text.split(",")) {
    const eq = field.indexOf("=");
    if (eq <= 0) bad(flag, text, `invalid field "${field}": must be a key=value pair`);
    const key = field.slice(0, eq).trim().toLowerCase();
    const value = field.slice(eq + 1);
    if (key === "name") attachment.target = value;
    else if (key === "alias") attachment.aliases.push(value);
    else if (key === "ip") attachment.ipv4 = checkIpv4(value, flag);
    else if (key === "mac-address") attachment.macAddress = checkMac(value, flag);
    else if (key === "gw-priority") {
      if (!/^-?\d+$/.test(value)) bad(flag, text, `invalid gw-priority ${value}`);
      attachment.gwPriority = Number(value);
    } else if (key === "driver-opt") {
      const inner = value.indexOf("=");
      if (inner <= 0) bad(flag, text, `invalid driver-opt ${value}: expected KEY=VALUE`);
      attachment.driverOpts[value.slice(0, inner)] = value.slice(inner + 1);
    } else if (key === "ip6" || key === "link-local-ip") {
      bad(flag, text, `${key} is not supported: berth's networks are IPv4 only`);
    } else bad(flag, text, `invalid field key ${key}`);
  }
  if (attachment.target === "") bad(flag, text, "network name is required");
  return attachment;
}

function applyEndpointFlags(attachment: NetworkAttachment, flags: EndpointFlags): NetworkAttachment {
  if (attachment.aliases.length > 0 && flags.aliases.length > 0) {
    throw new UsageError("conflicting options: cannot specify both --network-alias and per-network alias");
  }
  if (attachment.ipv4 !== undefined && flags.ip !== undefined) {
    throw new UsageError("conflicting options: cannot specify both --ip and per-network IPv4 address");
  }
  if (attachment.macAddress !== undefined && flags.macAddress !== undefined) {
    throw new UsageError(
      "conflicting options: cannot specify both --mac-address and per-network MAC address",
    );
  }
  return {
    ...attachment,
    aliases: flags.aliases.length > 0 ? [...flags.aliases] : attachment.aliases,
    ...(flags.ip !== undefined ? { ipv4: flags.ip } : {}),
    ...(flags.macAddress !== undefined ? { macAddress: flags.macAddress } : {}),
  };
}

function endpointOf(attachment: NetworkAttachment, links: readonly string[]): EndpointConfig | undefined {
  const endpoint: EndpointConfig = {};
  if (attachment.ipv4 !== undefined) endpoint.IPAMConfig = { IPv4Address: attachment.ipv4 };
  if (links.length > 0) endpoint.Links = [...links];
  if (attachment.aliases.length > 0) endpoint.Aliases = attachment.aliases;
  if (attachment.macAddress !== undefined) endpoint.MacAddress = attachment.macAddress;
  if (Object.keys(attachment.driverOpts).length > 0) endpoint.DriverOpts = attachment.driverOpts;
  if (attachment.gwPriority !== undefined) endpoint.GwPriority = attachment.gwPriority;
  return Object.keys(endpoint).length > 0 ? endpoint : undefined;
}

/**
 * `--network` (repeatable) with the endpoint flags, as Docker's CLI (25+) sends them: NetworkMode is
 * the first network; `--network-alias`, `--ip`, `--mac-address` and (on a user-defined network)
 * `--link` go to the first network's endpoint; extra networks get endpoints of their own. Without
 * `--network`, endpoint flags go to the `default` network's endpoint, as Docker's do.
 */
export function networkAttachments(
  values: readonly string[],
  flags: EndpointFlags,
): { mode?: string; endpoints: Record<string, EndpointConfig> } {
  const attachments = values.map(parseNetworkFlag);
  const endpoints: Record<string, EndpointConfig> = {};
  const first = attachments[0] ?? { target: "default", aliases: [], driverOpts: {} };
  const main = applyEndpointFlags(first, flags);
  if (flags.aliases.length > 0 && !isUserDefined(main.target)) {
    throw new UsageError("network-scoped aliases are only supported for user-defined networks");
  }
  const kinds = new Set(attachments.map((a) => isUserDefined(a.target)));
  if (kinds.size > 1) {
    throw new UsageError(
      "conflicting options: cannot attach both user-defined and non-user-defined network-modes",
    );
  }
  const seen = new Set<string>();
  for (const attachment of attachments) {
    if (seen.has(attachment.target)) {
      throw new UsageError(`network "${attachment.target}" is specified multiple times`);
    }
    seen.add(attachment.target);
  }
  for (const [index, attachment] of [main, ...attachments.slice(1)].entries()) {
    const links = index === 0 && isUserDefined(attachment.target) ? flags.links : [];
    const endpoint = endpointOf(attachment, links);
    if (endpoint !== undefined || attachments.length > 1) endpoints[attachment.target] = endpoint ?? {};
  }
  const mode = attachments.length > 0 || Object.keys(endpoints).length > 0 ? main.target : undefined;
  return { ...(mode !== undefined ? { mode } : {}), endpoints };
}
