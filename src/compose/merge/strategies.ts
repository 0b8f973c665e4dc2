import { isRawMap, type RawMap, type RawValue, type TreePath } from "../tree.js";
import { getKey, hasKey } from "./raw-map.js";
import { toMapping, toSequence } from "./sequence-forms.js";

/** What a strategy may call back into: the default recursive merge of two maps at a path. */
export interface MergeContext {
  readonly path: TreePath;
  readonly mergeMaps: (base: RawMap, override: RawMap, path: TreePath) => RawMap;
}

/**
 * Merges a base value with an override value found at the same path. Both are private tag-free
 * copies that the strategy may reuse in its result.
 */
export type MergeStrategy = (base: RawValue, override: RawValue, ctx: MergeContext) => RawValue;

/** When the two sides have shapes a strategy cannot combine, the override wins (null keeps the base). */
function fallback(base: RawValue, override: RawValue): RawValue {
  return override === null ? base : override;
}

/** The override replaces the base wholesale (`command`, `entrypoint`, `healthcheck.test`, ulimit entries). */
export const replace: MergeStrategy = (_base, override) => override;

/** Both sides in list form (maps become `KEY=value` items), override items appended. */
export const appendAsSequence: MergeStrategy = (base, override) => [
  ...toSequence(base),
  ...toSequence(override),
];

/** Like `appendAsSequence`, but override items already present in the base are not repeated. */
export const appendNewAsSequence: MergeStrategy = (base, override) => {
  const left = toSequence(base);
  const seen = new Set(left.map((item) => JSON.stringify(item)));
  return [...left, ...toSequence(override).filter((item) => !seen.has(JSON.stringify(item)))];
};

function buildAsMapping(value: RawValue): RawMap | undefined {
  if (typeof value === "string") return { context: value };
  return isRawMap(value) ? value : undefined;
}

/** `build`: the string form is `{context: …}`; then the two maps merge recursively. */
export const mergeBuild: MergeStrategy = (base, override, ctx) => {
  if (override === null) return base;
  const left = buildAsMapping(base);
  const right = buildAsMapping(override);
  if (left === undefined || right === undefined) return fallback(base, override);
  return ctx.mergeMaps(left, right, ctx.path);
};

/** A list of names becomes a map (each name holding a copy of `defaults`), then the maps merge. */
export function mergeAsMapping(defaults: RawMap | null): MergeStrategy {
  return (base, override, ctx) => {
    if (override === null) return base;
    const left = toMapping(base, defaults);
    const right = toMapping(override, defaults);
    if (left === undefined || right === undefined) return fallback(base, override);
    return ctx.mergeMaps(left, right, ctx.path);
  };
}

/** `logging`: options merge only when both sides name the same driver (or one names none). */
export const mergeLogging: MergeStrategy = (base, override, ctx) => {
  if (!isRawMap(base) || !isRawMap(override)) return fallback(base, override);
  const sameDriver =
    !hasKey(base, "driver") ||
    !hasKey(override, "driver") ||
    JSON.stringify(base.driver) === JSON.stringify(override.driver);
  return sameDriver ? ctx.mergeMaps(base, override, ctx.path) : override;
};

function subnetOf(entry: RawValue): string | undefined {
  if (!isRawMap(entry)) return undefined;
  const subnet = getKey(entry, "subnet");
  return typeof subnet === "string" ? subnet : undefined;
}

/**
 * `networks.*.ipam.config`: entries are unique by `subnet`; an override entry merges into the base
 * entry with the same subnet, others are appended.
 */
export const mergeIpamConfig: MergeStrategy = (base, override, ctx) => {
  if (!Array.isArray(base) || !Array.isArray(override)) return fallback(base, override);
  const out = [...base];
  for (const entry of override) {
    const subnet = subnetOf(entry);
    const index = subnet === undefined ? -1 : out.findIndex((e) => subnetOf(e) === subnet);
    const existing = index < 0 ? undefined : out[index];
    if (existing !== undefined && isRawMap(existing) && isRawMap(entry)) {
      out[index] = ctx.mergeMaps(existing, entry, [...ctx.path, index]);
    } else {
      out.push(entry);
    }
  }
  return out;
};
