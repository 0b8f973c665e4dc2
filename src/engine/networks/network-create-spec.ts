import type { NetworkCreateBody } from "../../api/index.js";
import type { IpamRequest } from "../../network/index.js";
import { BerthError } from "../../shared/errors.js";

/** Docker's option naming the bridge's kernel name. */
export const BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
/** Docker's option setting the bridge's MTU. */
export const MTU_OPTION = "com.docker.network.driver.mtu";

/** What a create request asks for, validated (pure). */
export interface NetworkCreateSpec {
  name: string;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  ipam: IpamRequest;
  /** A kernel name the user chose for the bridge. */
  bridgeName?: string;
  mtu?: number;
}

const PREDEFINED = new Set(["bridge", "host", "none", "default"]);

function sorted(map: Record<string, string> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

/** Validates POST /networks/create and returns what the engine makes of it. */
export function networkCreateSpec(body: NetworkCreateBody): NetworkCreateSpec {
  const driver = body.Driver || "bridge";
  if (PREDEFINED.has(body.Name)) {
    throw new BerthError("INVALID_ARGUMENT", `${body.Name} is a pre-defined network and cannot be created`, {
      details: { status: 403 },
    });
  }
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(body.Name)) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      `invalid network name "${body.Name}": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
    );
  }
  if (driver !== "bridge") {
    throw new BerthError(
      "INVALID_ARGUMENT",
      `network driver "${driver}" is not supported (berth has bridge networks only)`,
    );
  }
  if (body.EnableIPv6) throw new BerthError("INVALID_ARGUMENT", "IPv6 is not supported yet");
  if (body.EnableIPv4 === false)
    throw new BerthError("INVALID_ARGUMENT", "IPv4 cannot be disabled on a bridge network");
  if (body.ConfigOnly || body.ConfigFrom?.Network) {
    throw new BerthError("INVALID_ARGUMENT", "config-only networks are not supported");
  }
  const ipamDriver = body.IPAM?.Driver || "default";
  if (ipamDriver !== "default") {
    throw new BerthError("INVALID_ARGUMENT", `IPAM driver "${ipamDriver}" is not supported`);
  }
  const pools = body.IPAM?.Config ?? [];
  const v4 = pools.filter((pool) => !(pool.Subnet ?? "").includes(":"));
  if (v4.length < pools.length) throw new BerthError("INVALID_ARGUMENT", "IPv6 is not supported yet");
  if (v4.length > 1) {
    throw new BerthError("INVALID_ARGUMENT", "only one IPv4 address pool per network is supported");
  }
  const pool = v4[0];
  if (pool && !pool.Subnet && (pool.IPRange || pool.Gateway)) {
    throw new BerthError("INVALID_ARGUMENT", "an IP range or gateway needs a subnet");
  }
  const ipam: IpamRequest = {
    ...(pool?.Subnet ? { subnet: pool.Subnet } : {}),
    ...(pool?.IPRange ? { ipRange: pool.IPRange } : {}),
    ...(pool?.Gateway ? { gateway: pool.Gateway } : {}),
    ...(pool?.AuxiliaryAddresses ? { auxAddresses: sorted(pool.AuxiliaryAddresses) } : {}),
  };
  const options = sorted(body.Options);
  const bridgeName = options[BRIDGE_NAME_OPTION];
  if (bridgeName !== undefined && !/^[a-zA-Z0-9_.-]{1,15}$/.test(bridgeName)) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      `invalid bridge name "${bridgeName}": 1 to 15 of [a-zA-Z0-9_.-]`,
    );
  }
  const mtuText = options[MTU_OPTION];
  const mtu = mtuText === undefined ? undefined : Number(mtuText);
  if (mtu !== undefined && (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535)) {
    throw new BerthError("INVALID_ARGUMENT", `invalid MTU "${mtuText}": an integer from 68 to 65535`);
  }
  return {
    name: body.Name,
    internal: body.Internal ?? false,
    attachable: body.Attachable ?? false,
    labels: sorted(body.Labels),
    options,
    ipam,
    ...(bridgeName ? { bridgeName } : {}),
    ...(mtu ? { mtu } : {}),
  };
}
