// The host's name servers as upstreams of the embedded DNS.
import { parseUpstream } from "./forward.js";

/** IPv4 `nameserver` entries of a resolv.conf text, in order, without duplicates (IPv6 ones are skipped). */
export function upstreamsFromResolvConf(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [keyword, value] = line.trim().split(/\s+/);
    if (keyword !== "nameserver" || value === undefined) continue;
    if (parseUpstream(value) !== undefined && !found.includes(value)) found.push(value);
  }
  return found;
}
