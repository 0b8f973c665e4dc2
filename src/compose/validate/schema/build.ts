import { z } from "zod";
import { strict } from "./object.js";
import { boolOrStr, bytesOrInt, extraHosts, listOrDict, str, stringOrList, ulimits } from "./primitives.js";
import { configOrSecretRefs } from "./refs.js";

const strings = z.array(str);

/** The long form of `build`. */
export const buildObject = strict(
  {
    context: str.optional(),
    dockerfile: str.optional(),
    dockerfile_inline: str.optional(),
    entitlements: strings.optional(),
    args: listOrDict.optional(),
    ssh: listOrDict.optional(),
    labels: listOrDict.optional(),
    cache_from: strings.optional(),
    cache_to: strings.optional(),
    no_cache: boolOrStr.optional(),
    no_cache_filter: stringOrList.optional(),
    additional_contexts: listOrDict.optional(),
    network: str.optional(),
    provenance: z.union([str, z.boolean()]).optional(),
    sbom: z.union([str, z.boolean()]).optional(),
    pull: boolOrStr.optional(),
    target: str.optional(),
    shm_size: bytesOrInt.optional(),
    extra_hosts: extraHosts.optional(),
    isolation: str.optional(),
    privileged: boolOrStr.optional(),
    secrets: configOrSecretRefs.optional(),
    tags: strings.optional(),
    ulimits: ulimits.optional(),
    platforms: strings.optional(),
  },
  { extensions: true },
);

/** `build`: a context path or URL, or the long form. */
export const build = z.union([str, buildObject]);
