import { z } from "zod";
import { strict } from "./object.js";
import { bytesString, duration, intOrStr, listOfStrings, listOrDict, numOrStr, str } from "./primitives.js";

const ext = { extensions: true };

/** `deploy.resources.reservations.devices`: device requests; `capabilities` is required. */
export const deviceRequests = z.array(
  strict(
    {
      capabilities: listOfStrings,
      count: z.union([str, z.int()]).optional(),
      device_ids: listOfStrings.optional(),
      driver: str.optional(),
      options: listOrDict.optional(),
    },
    ext,
  ),
);

/** `gpus`: `all`, or a list of GPU requests (the spec leaves their keys open). */
export const gpus = z.union([
  z.enum(["all"]),
  z.array(
    z.looseObject({
      capabilities: listOfStrings.optional(),
      count: z.union([str, z.int()]).optional(),
      device_ids: listOfStrings.optional(),
      driver: str.optional(),
      options: listOrDict.optional(),
    }),
  ),
]);

const genericResources = z.array(
  strict(
    {
      discrete_resource_spec: strict({ kind: str.optional(), value: numOrStr.optional() }, ext).optional(),
    },
    ext,
  ),
);

const memory = bytesString();

const resources = strict(
  {
    limits: strict(
      { cpus: numOrStr.optional(), memory: memory.optional(), pids: intOrStr.optional() },
      ext,
    ).optional(),
    reservations: strict(
      {
        cpus: numOrStr.optional(),
        memory: memory.optional(),
        generic_resources: genericResources.optional(),
        devices: deviceRequests.optional(),
      },
      ext,
    ).optional(),
  },
  ext,
);

function updateConfig() {
  return strict(
    {
      parallelism: intOrStr.optional(),
      delay: duration.optional(),
      failure_action: str.optional(),
      monitor: duration.optional(),
      max_failure_ratio: numOrStr.optional(),
      order: z.enum(["start-first", "stop-first"]).optional(),
    },
    ext,
  );
}

const placement = strict(
  {
    constraints: z.array(str).optional(),
    preferences: z.array(strict({ spread: str.optional() }, ext)).optional(),
    max_replicas_per_node: intOrStr.optional(),
  },
  ext,
);

const restartPolicy = strict(
  {
    condition: str.optional(),
    delay: duration.optional(),
    max_attempts: intOrStr.optional(),
    window: duration.optional(),
  },
  ext,
);

/** `deploy`: replicas, resources, restart policy, update and rollback settings, placement. */
export const deploy = z.union([
  strict(
    {
      mode: str.optional(),
      endpoint_mode: str.optional(),
      replicas: intOrStr.optional(),
      labels: listOrDict.optional(),
      rollback_config: updateConfig().optional(),
      update_config: updateConfig().optional(),
      resources: resources.optional(),
      restart_policy: restartPolicy.optional(),
      placement: placement.optional(),
    },
    ext,
  ),
  z.null(),
]);
