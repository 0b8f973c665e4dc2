import { z } from "zod";
import { strict } from "./object.js";
import { boolOrStr, duration, intOrStr, numOrStr, str } from "./primitives.js";

const ext = { extensions: true };

/** `healthcheck`: the probe command and its timing. */
export const healthcheck = strict(
  {
    disable: boolOrStr.optional(),
    interval: duration.optional(),
    retries: numOrStr.optional(),
    test: z.union([str, z.array(str)]).optional(),
    timeout: duration.optional(),
    start_period: duration.optional(),
    start_interval: duration.optional(),
  },
  ext,
);

/** `logging`: driver and its options. */
export const logging = strict(
  {
    driver: str.optional(),
    options: z.record(z.string(), z.union([str, z.number(), z.null()])).optional(),
  },
  ext,
);

const blkioLimit = strict({ path: str.optional(), rate: intOrStr.optional() }, { extensions: false });
const blkioWeight = strict({ path: str.optional(), weight: intOrStr.optional() }, { extensions: false });

/** `blkio_config`: block IO weights and rate limits. */
export const blkioConfig = strict(
  {
    device_read_bps: z.array(blkioLimit).optional(),
    device_read_iops: z.array(blkioLimit).optional(),
    device_write_bps: z.array(blkioLimit).optional(),
    device_write_iops: z.array(blkioLimit).optional(),
    weight: intOrStr.optional(),
    weight_device: z.array(blkioWeight).optional(),
  },
  { extensions: false },
);

/** `credential_spec`: a managed service account spec (config, file or registry). */
export const credentialSpec = strict(
  { config: str.optional(), file: str.optional(), registry: str.optional() },
  ext,
);

/** `env_file`: one path, or a list of paths and `{path, format, required}` entries. */
export const envFile = z.union([
  str,
  z.array(
    z.union([
      str,
      strict({ path: str, format: str.optional(), required: boolOrStr.optional() }, { extensions: false }),
    ]),
  ),
]);

/** `label_file`: one path or a list of paths. */
export const labelFile = z.union([str, z.array(str)]);

/** `pull_policy`: a fixed policy or `every_<duration>`. */
export const pullPolicy = z
  .string()
  .regex(/^(always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+)$/, {
    error:
      "must be one of: always, never, build, if_not_present, missing, refresh, daily, weekly, every_<duration>",
  });

/** `container_name`: a name Docker accepts. */
export const containerName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, {
  error: 'must start with a letter or digit, followed by letters, digits, "_", "." or "-"',
});
