import { UsageError } from "../../shared/errors.js";
import { blockContains, blocksOverlap, type Ipv4Block, ipv4Number, parseIpv4Cidr } from "./ip-text.js";
import type { IpamPoolConfig, NetworkCreateBody } from "./network-types.js";

/** What `network create` was asked for. */
export interface NetworkCreateRequest {
  name: string;
  driver?: string;
  subnets: readonly string[];
  ipRanges: readonly string[];
  gateways: readonly string[];
  /** `name=ip` entries of --aux-address. */
  auxAddresses: readonly string[];
  internal?: boolean;
  attachable?: boolean;
  ipv6?: boolean;
  labels: Readonly<Record<string, string>>;
  options: Readonly<Record<string, string>>;
}

interface Pool {
  text: string;
  block: Ipv4Block;
  config: IpamPoolConfig;
}

function cidr(text: string, flag: string): Ipv4Block {
  const block = parseIpv4Cidr(text);
  if (!block) {
    throw new UsageError(
      `invalid argument "${text}" for "${flag}" flag: expected an IPv4 CIDR such as 10.5.0.0/16`,
    );
  }
  return block;
}

function poolOf(pools: readonly Pool[], contains: (block: Ipv4Block) => boolean): Pool | undefined {
  return pools.find((pool) => contains(pool.block));
}

/**
 * IPAM pools from --subnet, --ip-range, --gateway and --aux-address as Docker's CLI groups them:
 * each range, gateway and auxiliary address joins the subnet that holds it, one range and one
 * gateway per subnet, and subnets may not overlap. Messages are Docker's.
 */
export function ipamPools(request: NetworkCreateRequest): IpamPoolConfig[] {
  const pools: Pool[] = [];
  for (const subnet of request.subnets) {
    const block = cidr(subnet, "--subnet");
    if (pools.some((pool) => blocksOverlap(pool.block, block))) {
      throw new UsageError("multiple overlapping subnet configuration is not supported");
    }
    pools.push({ text: subnet, block, config: { Subnet: subnet } });
  }
  if (pools.length < request.ipRanges.length || pools.length < request.gateways.length) {
    throw new UsageError("every ip-range or gateway must have a corresponding subnet");
  }
  for (const range of request.ipRanges) {
    const block = cidr(range, "--ip-range");
    const pool = poolOf(
      pools,
      (subnet) => blockContains(subnet, block.base) && subnet.prefix <= block.prefix,
    );
    if (!pool) throw new UsageError(`no matching subnet for range ${range}`);
    if (pool.config.IPRange) {
      throw new UsageError(
        `cannot configure multiple ranges (${range}, ${pool.config.IPRange}) on the same subnet (${pool.text})`,
      );
    }
    pool.config.IPRange = range;
  }
  for (const gateway of request.gateways) {
    const address = ipv4Number(gateway);
    if (address === undefined) {
      throw new UsageError(`invalid argument "${gateway}" for "--gateway" flag: invalid IPv4 address`);
    }
    const pool = poolOf(pools, (subnet) => blockContains(subnet, address));
    if (!pool) throw new UsageError(`no matching subnet for gateway ${gateway}`);
    if (pool.config.Gateway) {
      throw new UsageError(
        `cannot configure multiple gateways (${gateway}, ${pool.config.Gateway}) for the same subnet (${pool.text})`,
      );
    }
    pool.config.Gateway = gateway;
  }
  for (const entry of request.auxAddresses) {
    const eq = entry.indexOf("=");
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const ip = eq < 0 ? "" : entry.slice(eq + 1);
    const address = ipv4Number(ip);
    const pool =
      address === undefined ? undefined : poolOf(pools, (subnet) => blockContains(subnet, address));
    if (!pool) throw new UsageError(`no matching subnet for aux-address ${ip}`);
    pool.config.AuxiliaryAddresses = { ...pool.config.AuxiliaryAddresses, [name]: ip };
  }
  return pools.map((pool) => pool.config);
}

/** The POST /networks/create body of `network create` (`--ipv6` refused: berth's networks are IPv4). */
export function networkCreateBody(request: NetworkCreateRequest): NetworkCreateBody {
  if (request.ipv6) {
    throw new UsageError("--ipv6: IPv6 networks are not supported by berth (its networks are IPv4 only)");
  }
  return {
    Name: request.name,
    CheckDuplicate: true,
    Driver: request.driver ?? "bridge",
    IPAM: { Driver: "default", Options: {}, Config: ipamPools(request) },
    Internal: request.internal === true,
    Attachable: request.attachable === true,
    Options: { ...request.options },
    Labels: { ...request.labels },
  };
}
