import type { RawMap, RawValue } from "../tree.js";
import { asList, asMap, ordered, plain, scalarText, stringList, stringMap, untag } from "./values.js";
import type { PathResolver } from "./volumes.js";

const NETWORK_KEYS = [
  "name",
  "driver",
  "driver_opts",
  "ipam",
  "external",
  "internal",
  "attachable",
  "labels",
  "enable_ipv4",
  "enable_ipv6",
];
const VOLUME_KEYS = ["name", "driver", "driver_opts", "external", "labels"];
const FILE_OBJECT_KEYS = [
  "name",
  "file",
  "environment",
  "content",
  "external",
  "labels",
  "driver",
  "driver_opts",
  "template_driver",
];
const MODEL_KEYS = ["name", "model", "context_size", "runtime_flags"];

/** Which top-level section a resource belongs to. */
export type ResourceKind = "networks" | "volumes" | "secrets" | "configs" | "models";

/** What resource normalisation needs. */
export interface ResourceContext {
  projectName: string;
  paths: PathResolver;
}

function isTrue(value: RawValue | undefined): boolean {
  const v = untag(value);
  return v === true || (typeof v === "string" && /^(1|t|true)$/i.test(v));
}

/** Common part: plain copy, `external` folded to a boolean, `name` defaulted, labels/driver_opts as maps. */
function base(key: string, raw: RawMap, ctx: ResourceContext): Record<string, unknown> {
  const out = plain(raw) as Record<string, unknown>;
  const external = untag(raw.external);
  let name = raw.name === undefined || raw.name === null ? undefined : scalarText(raw.name);
  if (external !== undefined && external !== null && typeof external === "object") {
    out.external = true;
    const legacy = asMap(external).name;
    if (name === undefined && legacy !== undefined) name = scalarText(legacy);
  } else if (external !== undefined) {
    out.external = isTrue(external);
  }
  if (name === undefined) name = out.external === true ? key : `${ctx.projectName}_${key}`;
  out.name = name;
  if (raw.labels !== undefined) out.labels = stringMap(raw.labels);
  if (raw.driver_opts !== undefined) out.driver_opts = stringMap(raw.driver_opts);
  return out;
}

function network(key: string, raw: RawMap, ctx: ResourceContext): unknown {
  const out = base(key, raw, ctx);
  const ipam = asMap(raw.ipam);
  const ipamOut = plain(ipam) as Record<string, unknown>;
  if (ipam.options !== undefined) ipamOut.options = stringMap(ipam.options);
  if (ipam.config !== undefined) {
    ipamOut.config = asList(ipam.config).map((pool) => {
      const map = asMap(pool);
      const poolOut = plain(map) as Record<string, unknown>;
      if (map.aux_addresses !== undefined) poolOut.aux_addresses = stringMap(map.aux_addresses);
      return ordered(poolOut, ["subnet", "gateway", "ip_range", "aux_addresses"]);
    });
  }
  out.ipam = ordered(ipamOut, ["driver", "config", "options"]);
  return ordered(out, NETWORK_KEYS);
}

function volume(key: string, raw: RawMap, ctx: ResourceContext): unknown {
  const out = base(key, raw, ctx);
  const opts = out.driver_opts as Record<string, string> | undefined;
  if (out.driver === "local" && opts?.o === "bind" && opts.device !== undefined) {
    opts.device = ctx.paths.resolve(opts.device);
  }
  return ordered(out, VOLUME_KEYS);
}

function fileObject(key: string, raw: RawMap, ctx: ResourceContext): unknown {
  const out = base(key, raw, ctx);
  if (typeof out.file === "string") out.file = ctx.paths.resolve(out.file);
  return ordered(out, FILE_OBJECT_KEYS);
}

function model(_key: string, raw: RawMap): unknown {
  const out = plain(raw) as Record<string, unknown>;
  if (raw.runtime_flags !== undefined) out.runtime_flags = stringList(raw.runtime_flags);
  return ordered(out, MODEL_KEYS);
}

const BY_KIND = {
  networks: network,
  volumes: volume,
  secrets: fileObject,
  configs: fileObject,
  models: model,
};

/** Normalises one top-level section; entries sorted by key, `null` entries become `{}` first. */
export function normalizeResources(
  kind: ResourceKind,
  section: RawValue | undefined,
  ctx: ResourceContext,
): Record<string, unknown> {
  const map = asMap(section);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(map).sort()) {
    if (key.startsWith("x-")) continue;
    out[key] = BY_KIND[kind](key, asMap(map[key]), ctx);
  }
  return out;
}
