import { z } from "zod";
import { strict, uniqueArray } from "./object.js";
import { boolOrStr, listOrDict, numOrStr, str } from "./primitives.js";

const ext = { extensions: true };

const tmpfsSize = z.union([
  z.int().min(0, { error: "must not be negative" }),
  z.string().regex(/^\d+(\.\d+)? ?([kmgtpe]?i?b?)$/i, { error: 'must be a byte size like "64m"' }),
]);

const mount = strict(
  {
    type: z.enum(["bind", "volume", "tmpfs", "cluster", "npipe", "image"]),
    source: str.optional(),
    target: str.optional(),
    read_only: boolOrStr.optional(),
    consistency: str.optional(),
    bind: strict(
      {
        propagation: str.optional(),
        create_host_path: boolOrStr.optional(),
        recursive: z.enum(["enabled", "disabled", "writable", "readonly"]).optional(),
        selinux: z.enum(["z", "Z"]).optional(),
      },
      ext,
    ).optional(),
    volume: strict(
      { labels: listOrDict.optional(), nocopy: boolOrStr.optional(), subpath: str.optional() },
      ext,
    ).optional(),
    tmpfs: strict({ size: tmpfsSize.optional(), mode: numOrStr.optional() }, ext).optional(),
    image: strict({ subpath: str.optional() }, ext).optional(),
  },
  ext,
);

/** Service `volumes`: short `SOURCE:TARGET[:MODE]` strings or long mount mappings, all distinct. */
export const serviceVolumes = uniqueArray(z.union([str, mount]));

const port = strict(
  {
    name: str.optional(),
    mode: str.optional(),
    host_ip: str.optional(),
    target: z.union([z.int(), str]).optional(),
    published: z.union([str, z.int()]).optional(),
    protocol: str.optional(),
    app_protocol: str.optional(),
  },
  ext,
);

/** Service `ports`: numbers, `[HOST:]CONTAINER[/PROTOCOL]` strings or long mappings, all distinct. */
export const ports = uniqueArray(z.union([z.number(), str, port]));

/** Service `devices`: `HOST:CONTAINER[:PERMISSIONS]` strings or `{source, target, permissions}`. */
export const devices = z.array(
  z.union([str, strict({ source: str, target: str.optional(), permissions: str.optional() }, ext)]),
);
