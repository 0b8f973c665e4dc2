import {
  cidrsOverlap,
  DEFAULT_ADDRESS_POOLS,
  type IpamPlan,
  type IpamRequest,
  pickSubnet,
  planIpam,
} from "../../network/index.js";
import type { NetworkDeps } from "./network-deps.js";
import { forbidden } from "./network-ids.js";
import type { NetworkRecord } from "./network-record.js";

/**
 * The IPAM plan of a new network: a given subnet must not overlap another of this engine's networks
 * (Docker's 403); otherwise a free subnet of the pools, avoiding the host's routes and our networks.
 * Call under the subnet lock.
 */
export async function planNetworkIpam(
  request: IpamRequest,
  records: readonly NetworkRecord[],
  deps: Pick<NetworkDeps, "host" | "addressPools">,
): Promise<IpamPlan> {
  if (request.subnet) {
    const plan = planIpam(request, () => "");
    const clash = records.find((r) => cidrsOverlap(r.ipam.subnet, plan.subnet));
    if (clash)
      throw forbidden(
        `Pool overlaps with other one on this address space (network ${clash.name}, ${clash.ipam.subnet})`,
      );
    return plan;
  }
  const taken = [...(await deps.host.takenSubnets()), ...records.map((r) => r.ipam.subnet)];
  const pools = deps.addressPools ?? DEFAULT_ADDRESS_POOLS;
  return planIpam(request, () => pickSubnet({ pools, taken }));
}
