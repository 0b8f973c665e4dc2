import { BerthError } from "../shared/errors.js";

/** A parsed IPv4 CIDR: the network address (host bits cleared) as a 32-bit number and the prefix length. */
export interface Cidr {
  network: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit number. */
export function parseIpv4(text: string): number {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part))) {
    throw new BerthError("INVALID_ARGUMENT", `invalid IPv4 address: ${JSON.stringify(text)}`, {
      details: { value: text },
    });
  }
  return parts.reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** True when `text` is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((part) => OCTET.test(part));
}

/** Formats an unsigned 32-bit number as a dotted-quad IPv4 address. */
export function formatIpv4(n: number): string {
  const v = n >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
}

/** The netmask of a prefix length as an unsigned 32-bit number. */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses "a.b.c.d/n" (host bits allowed, as Docker accepts them) into the network and prefix. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  const prefixText = slash < 0 ? "" : text.slice(slash + 1);
  if (slash < 0 || !/^(3[0-2]|[12]?\d)$/.test(prefixText)) {
    throw new BerthError("INVALID_ARGUMENT", `invalid CIDR address: ${JSON.stringify(text)}`, {
      details: { value: text },
    });
  }
  let address: number;
  try {
    address = parseIpv4(text.slice(0, slash));
  } catch (error: unknown) {
    throw new BerthError("INVALID_ARGUMENT", `invalid CIDR address: ${JSON.stringify(text)}`, {
      details: { value: text },
      cause: error,
    });
  }
  const prefix = Number(prefixText);
  return { network: (address & prefixMask(prefix)) >>> 0, prefix };
}

/** Formats a parsed CIDR as "a.b.c.d/n". */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

/** "10.1.2.3/24" → "10.1.2.0/24": clears the host bits. */
export function normalizeCidr(text: string): string {
  return formatCidr(parseCidr(text));
}

/** The number of addresses in a CIDR (including network and broadcast). */
export function cidrSize(cidr: string): number {
  return 2 ** (32 - parseCidr(cidr).prefix);
}

/** True when the address lies inside the CIDR. */
export function cidrContains(cidr: string, ip: string): boolean {
  const { network, prefix } = parseCidr(cidr);
  return (parseIpv4(ip) & prefixMask(prefix)) >>> 0 === network;
}

/** True when the two CIDRs share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  const mask = prefixMask(Math.min(x.prefix, y.prefix));
  return (x.network & mask) >>> 0 === (y.network & mask) >>> 0;
}

/** First and last usable host and the broadcast address (a /31 or /32 has no separate network/broadcast). */
export function cidrHosts(cidr: string): { first: string; last: string; broadcast: string } {
  const { network, prefix } = parseCidr(cidr);
  const broadcast = network + 2 ** (32 - prefix) - 1;
  if (prefix >= 31) {
    return { first: formatIpv4(network), last: formatIpv4(broadcast), broadcast: formatIpv4(broadcast) };
  }
  return {
    first: formatIpv4(network + 1),
    last: formatIpv4(broadcast - 1),
    broadcast: formatIpv4(broadcast),
  };
}
