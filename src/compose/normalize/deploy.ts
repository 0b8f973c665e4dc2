import type { RawValue } from "../tree.js";
import type { ServiceContext } from "./context.js";
import { bytesField, deviceRequests, durationField, hookField } from "./sections.js";
import { asList, asMap, plain, scalarText, stringList, stringMap, toNumber, untag } from "./values.js";

function resource(value: RawValue, ctx: ServiceContext, key: string): Record<string, unknown> {
  const map = asMap(value);
  const out = plain(map) as Record<string, unknown>;
  if (map.cpus !== undefined) out.cpus = toNumber(map.cpus);
  if (map.memory !== undefined)
    out.memory = bytesField(map.memory, ctx, ["deploy", "resources", key, "memory"]);
  if (map.pids !== undefined) out.pids = toNumber(map.pids);
  if (map.devices !== undefined) out.devices = deviceRequests(map.devices);
  return out;
}

function withDurations(
  value: RawValue,
  ctx: ServiceContext,
  key: string,
  fields: string[],
): Record<string, unknown> {
  const map = asMap(value);
  const out = plain(map) as Record<string, unknown>;
  for (const field of fields) {
    if (map[field] !== undefined) out[field] = durationField(map[field] ?? null, ctx, ["deploy", key, field]);
  }
  return out;
}

/** The deploy section: labels as a map, resources with byte sizes, durations as compose prints them. */
export function deployField(value: RawValue, ctx: ServiceContext): Record<string, unknown> {
  const map = asMap(value);
  const out = plain(map) as Record<string, unknown>;
  if (map.labels !== undefined) out.labels = stringMap(map.labels);
  if (map.replicas !== undefined) out.replicas = toNumber(map.replicas);
  if (map.resources !== undefined) {
    const resources = asMap(map.resources);
    const res = plain(resources) as Record<string, unknown>;
    if (resources.limits !== undefined) res.limits = resource(resources.limits, ctx, "limits");
    if (resources.reservations !== undefined)
      res.reservations = resource(resources.reservations, ctx, "reservations");
    out.resources = res;
  }
  if (map.restart_policy !== undefined) {
    out.restart_policy = withDurations(map.restart_policy, ctx, "restart_policy", ["delay", "window"]);
  }
  for (const key of ["update_config", "rollback_config"]) {
    if (map[key] !== undefined) out[key] = withDurations(map[key] ?? null, ctx, key, ["delay", "monitor"]);
  }
  return out;
}

/** develop.watch: ignore/include as lists, paths resolved, exec hooks normalised. */
export function developField(value: RawValue, ctx: ServiceContext): Record<string, unknown> {
  const map = asMap(value);
  const out = plain(map) as Record<string, unknown>;
  if (map.watch !== undefined) {
    out.watch = asList(map.watch).map((entry, index) => {
      const rule = asMap(entry);
      const item = plain(rule) as Record<string, unknown>;
      if (rule.path !== undefined) item.path = ctx.paths.resolve(scalarText(rule.path));
      if (rule.ignore !== undefined) item.ignore = stringList(rule.ignore);
      if (rule.include !== undefined) item.include = stringList(rule.include);
      if (rule.exec !== undefined) item.exec = hookField(rule.exec, ctx, ["develop", "watch", index, "exec"]);
      return item;
    });
  }
  return out;
}

/** blkio_config with throttle rates as byte sizes. */
export function blkioField(value: RawValue, ctx: ServiceContext): Record<string, unknown> {
  const map = asMap(value);
  const out = plain(map) as Record<string, unknown>;
  for (const key of ["device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops"]) {
    if (map[key] === undefined) continue;
    out[key] = asList(map[key]).map((entry, index) => {
      const item = asMap(entry);
      const rate = untag(item.rate);
      return {
        path: scalarText(item.path),
        rate: rate === undefined ? undefined : bytesField(rate, ctx, ["blkio_config", key, index, "rate"]),
      };
    });
  }
  return out;
}

/** `devices` short syntax `src[:dst[:perms]]` → `{source, target, permissions}`. */
export function devicesField(value: RawValue, ctx: ServiceContext): unknown[] {
  return asList(value).flatMap((entry, index) => {
    const item = untag(entry);
    if (typeof item !== "string") return [plain(item)];
    const parts = item.split(":");
    if (parts.length > 3) {
      ctx.issues.add(
        [...ctx.path, "devices", index],
        `confusing device mapping, please use long syntax: ${item}`,
      );
      return [];
    }
    const [source = "", target, permissions] = parts;
    return [{ source, target: target || source, permissions: permissions ?? "rwm" }];
  });
}
