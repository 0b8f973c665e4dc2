import { z } from "zod";
import { NAME_PATTERN, namedMap, patternMap, strict } from "./object.js";
import { listOfStrings, str, strOrNum } from "./primitives.js";

const ext = { extensions: true };

/** Service `depends_on`: a list of names, or a mapping of names to `{condition, restart, required}`. */
export const dependsOn = z.union([
  listOfStrings,
  namedMap(
    strict(
      {
        restart: z.union([z.boolean(), str]).optional(),
        required: z.boolean().optional(),
        condition: z.enum(["service_started", "service_healthy", "service_completed_successfully"]),
      },
      ext,
    ),
  ),
]);

const attachment = strict(
  {
    aliases: listOfStrings.optional(),
    interface_name: str.optional(),
    ipv4_address: str.optional(),
    ipv6_address: str.optional(),
    link_local_ips: listOfStrings.optional(),
    mac_address: str.optional(),
    driver_opts: z.record(z.string(), strOrNum).optional(),
    priority: z.number().optional(),
    gw_priority: z.number().optional(),
  },
  ext,
);

/** Service `networks`: a list of names, or a mapping of names to attachment settings (or null). */
export const serviceNetworks = z.union([listOfStrings, namedMap(z.union([attachment, z.null()]))]);

const modelUse = strict({ endpoint_var: str.optional(), model_var: str.optional() }, ext);

/** Service `models`: a list of names, or a mapping of names to `{endpoint_var, model_var}` (or null). */
export const serviceModels = z.union([
  listOfStrings,
  patternMap(NAME_PATTERN, z.union([modelUse, z.null()])),
]);

/** Service `extends`: a service name, or `{service, file}`. */
export const extendsRef = z.union([
  str,
  strict({ service: str, file: str.optional() }, { extensions: false }),
]);

const providerOption = z.union([z.string(), z.number(), z.boolean()]);

/** Service `provider`: an external component that manages the service. */
export const provider = strict(
  {
    type: str,
    options: z.record(z.string(), z.union([providerOption, z.array(providerOption)])).optional(),
  },
  ext,
);
