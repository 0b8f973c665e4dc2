import { z } from "zod";
import { strict } from "./object.js";
import { boolOrStr, command, listOrDict, str, stringOrList } from "./primitives.js";

const ext = { extensions: true };

/** A lifecycle hook (`post_start`, `pre_stop`, `develop.watch[].exec`); `command` is required. */
export const serviceHook = strict(
  {
    command,
    user: str.optional(),
    privileged: boolOrStr.optional(),
    working_dir: str.optional(),
    environment: listOrDict.optional(),
  },
  ext,
);

/** A `pre_start` init container. */
export const preStartHook = strict(
  {
    command: command.optional(),
    image: str.optional(),
    user: str.optional(),
    privileged: boolOrStr.optional(),
    working_dir: str.optional(),
    environment: listOrDict.optional(),
    per_replica: boolOrStr.optional(),
  },
  ext,
);

const watchRule = strict(
  {
    ignore: stringOrList.optional(),
    include: stringOrList.optional(),
    path: str,
    action: z.enum(["rebuild", "sync", "restart", "sync+restart", "sync+exec"]),
    target: str.optional(),
    exec: serviceHook.optional(),
    initial_sync: z.boolean().optional(),
  },
  ext,
);

/** `develop`: watch rules for the dev loop. */
export const develop = z.union([strict({ watch: z.array(watchRule).optional() }, ext), z.null()]);
