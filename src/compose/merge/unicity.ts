import { isRawMap, type RawMap, type RawValue, TaggedValue, type TreePath } from "../tree.js";
import { setKey } from "./raw-map.js";
import { findPathRule } from "./rules.js";
import type { UniqueKey } from "./unique-keys.js";

function dedupe(items: readonly RawValue[], keyOf: UniqueKey): RawValue[] {
  const out: RawValue[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    const at = key === undefined ? undefined : seen.get(key);
    if (at !== undefined) {
      out[at] = item;
    } else {
      if (key !== undefined) seen.set(key, out.length);
      out.push(item);
    }
  }
  return out;
}

function walk(value: RawValue, path: TreePath): RawValue {
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, walk(value.value, path));
  if (isRawMap(value)) {
    const out: RawMap = {};
    for (const [key, item] of Object.entries(value)) setKey(out, key, walk(item, [...path, key]));
    return out;
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => walk(item, [...path, index]));
    const keyOf = findPathRule(path)?.unique;
    return keyOf === undefined ? items : dedupe(items, keyOf);
  }
  return value;
}

/**
 * Removes redefinitions from the lists whose items have an identity (`environment` by key, `volumes`
 * by target, `ports`, `secrets`/`configs` by target, …: the `unique` column of the rule table). A later
 * item replaces the earlier one at the earlier one's position. Pure: returns a new tree.
 */
export function enforceUnicity(tree: RawValue): RawValue {
  return walk(tree, []);
}
