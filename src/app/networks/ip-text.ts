// Address text checks for the CLI's flags (pure; src/network's IPAM is out of the app layer's reach).

/** The IPv4 address as a 32-bit number, or undefined when `text` is not dotted-quad IPv4. */
export function ipv4Number(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith("0"))) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Whether `text` is an IPv6 address (hex groups, at most one `::`, an IPv4 tail allowed). */
export function isIpv6(text: string): boolean {
  if (!text.includes(":") || /[^0-9a-fA-F:.]/.test(text)) return false;
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  const last = groups[groups.length - 1] ?? "";
  const v4Tail = last.includes(".");
  if (v4Tail && ipv4Number(last) === undefined) return false;
  const hex = v4Tail ? groups.slice(0, -1) : groups;
  if (!hex.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  const count = hex.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/** Whether `text` is an IPv4 or IPv6 address. */
export function isIp(text: string): boolean {
  return ipv4Number(text) !== undefined || isIpv6(text);
}

/** An IPv4 CIDR block: its first address and prefix length. */
export interface Ipv4Block {
  base: number;
  prefix: number;
}

/** Parses `10.1.0.0/16` (host bits may be set, as Docker allows), or undefined when malformed. */
export function parseIpv4Cidr(text: string): Ipv4Block | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = ipv4Number(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(address / size) * size, prefix };
}

/** Whether the block holds the IPv4 address. */
export function blockContains(block: Ipv4Block, address: number): boolean {
  return address >= block.base && address < block.base + 2 ** (32 - block.prefix);
}

/** Whether two blocks share any address. */
export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return blockContains(a, b.base) || blockContains(b, a.base);
}
