import type { ContainerCreateBody } from "../../api/index.js";
import { BerthError } from "../../shared/errors.js";
import { type EngineCore, findRecord } from "../core/engine-core.js";
import type { ContainerRecord } from "../state/container-record.js";
import { netnsPathOf } from "./container-networking.js";
import { networkPlanFromCreate } from "./endpoint-plan.js";
import type { NetworkManager } from "./network-manager.js";

/** What a create decides about networking: the netns path for the spec and the record's network fields. */
export interface CreateNetworking {
  netnsPath?: string;
  fields: Pick<ContainerRecord, "endpoints" | "primaryNetwork" | "netnsOf">;
}

/**
 * Plans a new container's networking (synchronously, so no network can vanish in between): its own netns
 * (path known now, made at start) with endpoints on the named networks, or another container's netns.
 */
export function planContainerNetworking(
  core: EngineCore,
  manager: NetworkManager,
  body: ContainerCreateBody,
  id: string,
): CreateNetworking {
  const plan = networkPlanFromCreate(body, (text) => manager.resolve(text));
  if (plan.kind === "none" || plan.kind === "host") return { fields: {} };
  if (plan.kind === "container") {
    const target = findRecord(core, plan.target);
    if (target.spec.network.mode !== "netns") {
      throw new BerthError(
        "INVALID_ARGUMENT",
        `cannot join the network of container ${target.name}: it has no network namespace of its own (mode ${target.spec.network.mode})`,
      );
    }
    return { netnsPath: target.spec.network.path, fields: { netnsOf: target.netnsOf ?? target.id } };
  }
  return {
    netnsPath: netnsPathOf(manager, id),
    fields: { endpoints: plan.endpoints, primaryNetwork: plan.primary },
  };
}
