// Normalisers for service sub-sections that have nested structure: build, healthcheck, deploy, hooks, …
import type { RawMap, RawValue } from "../tree.js";
import type { ServiceContext } from "./context.js";
import { environmentMap } from "./environment.js";
import { extraHostsList } from "./mappings.js";
import { isRemoteContext } from "./paths.js";
import { splitShellWords } from "./shell-words.js";
import { formatByteSize, normalizeDuration } from "./units.js";
import { asList, asMap, plain, scalarText, stringList, stringMap, toNumber, untag } from "./values.js";

const BUILD_KEYS = [
  "context",
  "dockerfile",
  "dockerfile_inline",
  "entitlements",
  "args",
  "provenance",
  "sbom",
  "ssh",
  "labels",
  "cache_from",
  "cache_to",
  "no_cache",
  "no_cache_filter",
  "additional_contexts",
  "pull",
  "extra_hosts",
  "isolation",
  "network",
  "target",
  "secrets",
  "shm_size",
  "tags",
  "ulimits",
  "platforms",
  "privileged",
];

export { BUILD_KEYS };

/** Reports a bad value at `key` of the service and returns undefined. */
export function invalid(ctx: ServiceContext, key: readonly (string | number)[], message: string): undefined {
  ctx.issues.add([...ctx.path, ...key], message);
  return undefined;
}

/** A byte size field, reported when invalid. */
export function bytesField(value: RawValue, ctx: ServiceContext, key: readonly (string | number)[]): unknown {
  const v = untag(value);
  if (typeof v !== "string" && typeof v !== "number") return invalid(ctx, key, "must be a byte size");
  return formatByteSize(v) ?? invalid(ctx, key, `invalid byte size ${JSON.stringify(v)}`);
}

/** A duration field, reported when invalid. */
export function durationField(
  value: RawValue,
  ctx: ServiceContext,
  key: readonly (string | number)[],
): unknown {
  const v = untag(value);
  if (typeof v !== "string" && typeof v !== "number") return invalid(ctx, key, "must be a duration");
  return normalizeDuration(v) ?? invalid(ctx, key, `invalid duration ${JSON.stringify(v)}`);
}

/** `command`, `entrypoint`, hook commands: a string splits into argv, a list is kept. */
export function commandField(
  value: RawValue,
  ctx: ServiceContext,
  key: readonly (string | number)[],
): unknown {
  const v = untag(value);
  if (v === null) return undefined;
  if (typeof v === "string") {
    try {
      return splitShellWords(v);
    } catch (error: unknown) {
      return invalid(ctx, key, error instanceof Error ? error.message : String(error));
    }
  }
  return stringList(v);
}

/** Ulimits: a number stays a number, `{soft, hard}` keeps both. */
export function ulimitsField(value: RawValue): Record<string, unknown> {
  const map = asMap(value);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(map).sort()) {
    const item = untag(map[name]);
    if (typeof item === "number" || typeof item === "string") out[name] = toNumber(item) ?? item;
    else {
      const limits = asMap(item);
      const entry: Record<string, unknown> = {};
      if (limits.soft !== undefined) entry.soft = toNumber(limits.soft);
      if (limits.hard !== undefined) entry.hard = toNumber(limits.hard);
      out[name] = entry;
    }
  }
  return out;
}

/** Mounted secrets/configs: a name becomes `{source}` (secrets also get `/run/secrets/<name>`). */
export function fileReferences(value: RawValue, options: { defaultTarget: boolean }): unknown[] {
  return asList(value).map((entry) => {
    const item = untag(entry);
    const map: RawMap = typeof item === "string" ? { source: item } : asMap(item);
    const out = plain(map) as Record<string, unknown>;
    if (options.defaultTarget && out.target === undefined)
      out.target = `/run/secrets/${scalarText(map.source)}`;
    const mode = untag(map.mode);
    if (typeof mode === "number") out.mode = `0${mode.toString(8)}`;
    else if (typeof mode === "string") out.mode = `0${Number.parseInt(mode, 8).toString(8)}`;
    if (map.uid !== undefined) out.uid = scalarText(map.uid);
    if (map.gid !== undefined) out.gid = scalarText(map.gid);
    return orderKeys(out, ["source", "target", "uid", "gid", "mode"]);
  });
}

function orderKeys(fields: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (fields[key] !== undefined) out[key] = fields[key];
  for (const key of Object.keys(fields).sort()) if (!(key in out)) out[key] = fields[key];
  return out;
}

/** The build section in long form with compose's defaults. */
export function buildField(value: RawValue, ctx: ServiceContext): Record<string, unknown> {
  const v = untag(value);
  const map: RawMap = typeof v === "string" ? { context: v } : asMap(v);
  const out = plain(map) as Record<string, unknown>;
  const resolveContext = (text: string): string =>
    ctx.resolvePaths && !isRemoteContext(text) ? ctx.paths.resolve(text) : text;
  out.context = resolveContext(
    map.context === undefined || map.context === null ? "." : scalarText(map.context),
  );
  if (map.dockerfile === undefined && map.dockerfile_inline === undefined) out.dockerfile = "Dockerfile";
  if (map.args !== undefined) out.args = environmentMap(map.args, ctx.lookup, false);
  if (map.labels !== undefined) out.labels = stringMap(map.labels);
  if (map.additional_contexts !== undefined) {
    const contexts = stringMap(map.additional_contexts);
    for (const key of Object.keys(contexts)) contexts[key] = resolveContext(contexts[key] ?? "");
    out.additional_contexts = contexts;
  }
  for (const key of ["cache_from", "cache_to", "no_cache_filter", "tags", "platforms", "entitlements"]) {
    if (map[key] !== undefined) out[key] = stringList(map[key]);
  }
  if (map.ssh !== undefined) {
    const ssh = untag(map.ssh);
    out.ssh = Array.isArray(ssh)
      ? stringList(ssh)
      : Object.entries(asMap(ssh)).map(([id, p]) => (p === null ? id : `${id}=${scalarText(p)}`));
  }
  if (map.extra_hosts !== undefined)
    out.extra_hosts = safe(() => extraHostsList(map.extra_hosts), ctx, "build.extra_hosts");
  if (map.secrets !== undefined) out.secrets = fileReferences(map.secrets, { defaultTarget: false });
  if (map.shm_size !== undefined) out.shm_size = bytesField(map.shm_size, ctx, ["build", "shm_size"]);
  if (map.ulimits !== undefined) out.ulimits = ulimitsField(map.ulimits);
  if (map.provenance !== undefined) out.provenance = scalarText(map.provenance);
  if (map.sbom !== undefined) out.sbom = scalarText(map.sbom);
  return orderKeys(out, BUILD_KEYS);
}

/** Runs `fn`, turning a thrown error into an issue at `key`. */
export function safe<T>(fn: () => T, ctx: ServiceContext, key: string): T | undefined {
  try {
    return fn();
  } catch (error: unknown) {
    return invalid(ctx, key.split("."), error instanceof Error ? error.message : String(error));
  }
}

const HEALTH_KEYS = ["test", "timeout", "interval", "retries", "start_period", "start_interval", "disable"];

/** The healthcheck: a string test becomes `["CMD-SHELL", test]`, durations as compose prints them. */
export function healthcheckField(value: RawValue, ctx: ServiceContext): Record<string, unknown> {
  const map = asMap(value);
  const out = plain(map) as Record<string, unknown>;
  const test = untag(map.test);
  if (typeof test === "string") out.test = ["CMD-SHELL", test];
  else if (Array.isArray(test)) out.test = stringList(test);
  for (const key of ["timeout", "interval", "start_period", "start_interval"]) {
    if (map[key] !== undefined) out[key] = durationField(map[key] ?? null, ctx, ["healthcheck", key]);
  }
  if (map.retries !== undefined) out.retries = toNumber(map.retries);
  return orderKeys(out, HEALTH_KEYS);
}

/** A lifecycle hook or watch exec: command split into argv, environment as a map. */
export function hookField(
  value: RawValue,
  ctx: ServiceContext,
  key: readonly (string | number)[],
): Record<string, unknown> {
  const map = asMap(value);
  const out = plain(map) as Record<string, unknown>;
  if (map.command !== undefined) out.command = commandField(map.command, ctx, [...key, "command"]);
  if (map.environment !== undefined) out.environment = environmentMap(map.environment, ctx.lookup);
  return orderKeys(out, [
    "command",
    "image",
    "user",
    "privileged",
    "working_dir",
    "environment",
    "per_replica",
  ]);
}

/** Device requests (`gpus`, deploy devices): `count: all` unless a count or ids are given. */
export function deviceRequests(value: RawValue): unknown[] {
  const v = untag(value);
  if (typeof v === "string") return [{ count: "all" }];
  return asList(v).map((entry) => {
    const map = asMap(entry);
    const out = plain(map) as Record<string, unknown>;
    if (map.count === undefined && map.device_ids === undefined) out.count = "all";
    if (map.options !== undefined) out.options = stringMap(map.options);
    return orderKeys(out, ["capabilities", "driver", "count", "device_ids", "options"]);
  });
}
