import { isRawMap, type RawMap, type RawValue, TaggedValue, type TreePath } from "../tree.js";
import { getKey, setKey } from "./raw-map.js";
import { findPathRule } from "./rules.js";
import type { MergeContext } from "./strategies.js";
import { pruneTagged, resolveTags } from "./tags.js";

function mergeMaps(base: RawMap, override: RawMap, path: TreePath): RawMap {
  for (const [key, value] of Object.entries(override)) {
    const existing = getKey(base, key);
    setKey(base, key, existing === undefined ? value : mergeAt(existing, value, [...path, key]));
  }
  return base;
}

function mergeAt(base: RawValue, override: RawValue, path: TreePath): RawValue {
  const rule = findPathRule(path);
  if (rule?.merge !== undefined) {
    const ctx: MergeContext = { path, mergeMaps };
    return rule.merge(base, override, ctx);
  }
  if (override === null) return base;
  if (isRawMap(base) && isRawMap(override)) return mergeMaps(base, override, path);
  if (Array.isArray(base) && Array.isArray(override)) return [...base, ...override];
  return override;
}

/**
 * Merges an override compose tree onto a base one by the Compose Specification's rules (the table
 * in `rules.ts`). `!reset` in the override removes the value, `!override` replaces it without merging;
 * tags left in the base are resolved first. Pure: the result is a fresh, tag-free tree.
 */
export function mergeTrees(base: RawValue, override: RawValue): RawValue {
  // A tag on the whole override document acts on the whole tree.
  if (override instanceof TaggedValue) return resolveTags(override);
  return mergeAt(pruneTagged(resolveTags(base), override), resolveTags(override), []);
}

/** Merges several compose trees in order (later files override earlier ones). */
export function mergeAll(trees: readonly RawValue[]): RawValue {
  let out: RawValue = {};
  for (const tree of trees) out = mergeTrees(out, tree);
  return out;
}
