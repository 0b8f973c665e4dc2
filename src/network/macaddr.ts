import { BerthError } from "../shared/errors.js";
import { parseIpv4 } from "./ipv4.js";

/** Docker's generated MAC of an endpoint: 02:42 followed by the four bytes of its IPv4 address. */
export function macFor(ip: string): string {
  const n = parseIpv4(ip);
  const bytes = [0x02, 0x42, n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return bytes.map((byte) => byte.toString(16).padStart(2, "0")).join(":");
}

/** Validates a MAC address ("aa:bb:cc:dd:ee:ff" or with "-") and returns it lower-case with colons. */
export function validateMac(text: string): string {
  const trimmed = text.trim();
  if (!/^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/.test(trimmed)) {
    throw new BerthError("INVALID_ARGUMENT", `invalid MAC address: ${text}`, { details: { mac: text } });
  }
  return trimmed.toLowerCase().replaceAll("-", ":");
}
