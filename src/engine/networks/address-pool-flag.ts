import { type AddressPool, normalizeCidr, parseCidr } from "../../network/index.js";
import { UsageError } from "../../shared/errors.js";

/** The most specific pool size berth accepts: a /30 still holds a gateway and one container. */
const MAX_POOL_SIZE = 30;

/**
 * Parses one `--address-pools` / `--default-address-pool` value in Docker's syntax, `base=CIDR,size=N`
 * (keys in any order and case, both required), into an address pool; a UsageError names the flag otherwise.
 */
export function parseAddressPool(text: string, flag = "--address-pools"): AddressPool {
  const fields = new Map<string, string>();
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? "" : part.slice(0, eq).trim().toLowerCase();
    if (key !== "base" && key !== "size") {
      throw new UsageError(`${flag} "${text}": expected base=CIDR,size=N (unknown field "${part}")`);
    }
    if (fields.has(key)) throw new UsageError(`${flag} "${text}": ${key} is given twice`);
    fields.set(key, part.slice(eq + 1).trim());
  }
  const baseText = fields.get("base");
  const sizeText = fields.get("size");
  if (baseText === undefined || sizeText === undefined) {
    throw new UsageError(`${flag} "${text}": expected base=CIDR,size=N (both are required)`);
  }
  let base: string;
  try {
    base = normalizeCidr(baseText);
  } catch (error: unknown) {
    throw new UsageError(`${flag} "${text}": base ${baseText} is not an IPv4 CIDR`, { cause: error });
  }
  const prefix = parseCidr(base).prefix;
  const size = /^\d{1,2}$/.test(sizeText) ? Number(sizeText) : Number.NaN;
  if (!(size >= prefix && size <= MAX_POOL_SIZE)) {
    throw new UsageError(
      `${flag} "${text}": size must be a prefix length between ${prefix} (the base's) and ${MAX_POOL_SIZE}`,
    );
  }
  return { base, size };
}

/** Every repeated flag value parsed in order (undefined when none was given: the default pools apply). */
export function parseAddressPools(values: readonly string[], flag?: string): AddressPool[] | undefined {
  return values.length === 0 ? undefined : values.map((value) => parseAddressPool(value, flag));
}
