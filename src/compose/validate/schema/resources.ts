import { z } from "zod";
import { strict } from "./object.js";
import { boolOrStr, driverOpts, listOrDict, str } from "./primitives.js";

const ext = { extensions: true };

function external(options: { strict: boolean }) {
  const shape = { name: str.optional() };
  return z.union([z.boolean(), str, options.strict ? strict(shape, ext) : z.looseObject(shape)]);
}

const ipam = strict(
  {
    driver: str.optional(),
    config: z
      .array(
        strict(
          {
            subnet: str.optional(),
            ip_range: str.optional(),
            gateway: str.optional(),
            aux_addresses: z.record(z.string(), str).optional(),
          },
          ext,
        ),
      )
      .optional(),
    options: z.record(z.string(), str).optional(),
  },
  ext,
);

/** A top-level network definition (or null for defaults). */
export const network = z.union([
  strict(
    {
      name: str.optional(),
      driver: str.optional(),
      driver_opts: driverOpts.optional(),
      ipam: ipam.optional(),
      external: external({ strict: true }).optional(),
      internal: boolOrStr.optional(),
      enable_ipv4: boolOrStr.optional(),
      enable_ipv6: boolOrStr.optional(),
      attachable: boolOrStr.optional(),
      labels: listOrDict.optional(),
    },
    ext,
  ),
  z.null(),
]);

/** A top-level volume definition (or null for defaults). */
export const volume = z.union([
  strict(
    {
      name: str.optional(),
      driver: str.optional(),
      driver_opts: driverOpts.optional(),
      external: external({ strict: true }).optional(),
      labels: listOrDict.optional(),
    },
    ext,
  ),
  z.null(),
]);

/** A top-level secret definition. */
export const secret = strict(
  {
    name: str.optional(),
    environment: str.optional(),
    file: str.optional(),
    external: external({ strict: false }).optional(),
    labels: listOrDict.optional(),
    driver: str.optional(),
    driver_opts: driverOpts.optional(),
    template_driver: str.optional(),
  },
  ext,
);

/** A top-level config definition. */
export const config = strict(
  {
    name: str.optional(),
    content: str.optional(),
    environment: str.optional(),
    file: str.optional(),
    external: external({ strict: false }).optional(),
    labels: listOrDict.optional(),
    template_driver: str.optional(),
  },
  ext,
);

/** A top-level model definition; `model` is required. */
export const model = strict(
  {
    name: str.optional(),
    model: str,
    context_size: z.int().optional(),
    runtime_flags: z.array(str).optional(),
  },
  ext,
);
