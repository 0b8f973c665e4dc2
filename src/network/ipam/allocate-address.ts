import { BerthError } from "../../shared/errors.js";
import { cidrContains, cidrHosts, formatIpv4, isIpv4, parseCidr, parseIpv4 } from "../ipv4.js";
import type { IpamPlan } from "./ipam-config.js";

/** Input of `allocateAddress`. */
export interface AllocateAddressInput {
  plan: IpamPlan;
  /** Addresses already given to endpoints of this network. */
  used: ReadonlySet<string>;
  /** A static address (compose `ipv4_address`). */
  requested?: string;
  /** Named in the "network is full" error. */
  networkName?: string;
}

function reserved(plan: IpamPlan): Set<string> {
  return new Set([plan.gateway, ...Object.values(plan.auxAddresses)]);
}

function checkRequested(input: AllocateAddressInput, requested: string): string {
  const { plan } = input;
  if (!isIpv4(requested)) {
    throw new BerthError("INVALID_ARGUMENT", `invalid IPv4 address: ${requested}`, {
      details: { address: requested },
    });
  }
  if (!cidrContains(plan.subnet, requested)) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      `invalid address ${requested}: it does not belong to the subnet ${plan.subnet} of network ${input.networkName ?? ""}`.trimEnd(),
      { details: { address: requested, subnet: plan.subnet } },
    );
  }
  const { first, last } = cidrHosts(plan.subnet);
  const n = parseIpv4(requested);
  const outsideHosts = n < parseIpv4(first) || n > parseIpv4(last);
  if (outsideHosts || reserved(plan).has(requested) || input.used.has(requested)) {
    throw new BerthError("CONFLICT", `Address already in use: ${requested}`, {
      details: { address: requested },
    });
  }
  return requested;
}

/** The requested static address (checked), or the lowest free host address of the ip range (or subnet). */
export function allocateAddress(input: AllocateAddressInput): string {
  if (input.requested !== undefined) return checkRequested(input, input.requested);
  const { plan } = input;
  const hosts = cidrHosts(plan.subnet);
  const pool = parseCidr(plan.ipRange ?? plan.subnet);
  const start = Math.max(pool.network, parseIpv4(hosts.first));
  const end = Math.min(pool.network + 2 ** (32 - pool.prefix) - 1, parseIpv4(hosts.last));
  const skip = reserved(plan);
  for (let n = start; n <= end; n++) {
    const candidate = formatIpv4(n);
    if (!skip.has(candidate) && !input.used.has(candidate)) return candidate;
  }
  const name = input.networkName ?? "";
  throw new BerthError(
    "CONFLICT",
    `no available IPv4 addresses on this network's address pools: ${name} (${plan.subnet})`,
    { details: { subnet: plan.subnet, ...(input.networkName === undefined ? {} : { network: name }) } },
  );
}
