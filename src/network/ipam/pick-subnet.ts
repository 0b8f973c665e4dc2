import { BerthError } from "../../shared/errors.js";
import { cidrsOverlap, formatCidr, isIpv4, parseCidr } from "../ipv4.js";

/** One default address pool (Docker's `default-address-pools` shape): carve `size`-prefix subnets out of `base`. */
export interface AddressPool {
  base: string;
  size: number;
}

/** berth's default pool: /24 networks out of 10.213.0.0/16. */
export const DEFAULT_ADDRESS_POOLS: readonly AddressPool[] = [{ base: "10.213.0.0/16", size: 24 }];

/** Docker's message when every pool subnet overlaps something on the host. */
export const POOLS_EXHAUSTED_MESSAGE =
  "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network";

/** Input of `pickSubnet`. */
export interface PickSubnetInput {
  pools: readonly AddressPool[];
  /** Host routes, interface subnets and other networks' subnets (a bare address counts as a /32). */
  taken: readonly string[];
}

/** The first subnet of the pools (in order) that overlaps none of `taken`. */
export function pickSubnet(input: PickSubnetInput): string {
  const taken = input.taken.map((entry) => (isIpv4(entry) ? `${entry}/32` : entry));
  for (const pool of input.pools) {
    const base = parseCidr(pool.base);
    if (!Number.isInteger(pool.size) || pool.size < base.prefix || pool.size > 32) {
      throw new BerthError(
        "INVALID_ARGUMENT",
        `invalid address pool ${pool.base}: size ${pool.size} must be between ${base.prefix} and 32`,
        { details: { pool } },
      );
    }
    const step = 2 ** (32 - pool.size);
    const count = 2 ** (pool.size - base.prefix);
    for (let i = 0; i < count; i++) {
      const candidate = formatCidr({ network: base.network + i * step, prefix: pool.size });
      if (!taken.some((other) => cidrsOverlap(candidate, other))) return candidate;
    }
  }
  throw new BerthError("INVALID_ARGUMENT", POOLS_EXHAUSTED_MESSAGE, { details: { pools: input.pools } });
}
