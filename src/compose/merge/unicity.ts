import { isRawMap, type RawMap, type RawValue, TaggedValue } from "../tree.js";
import { type PathTrie, stepTrie } from "./path-trie.js";
import { setKey } from "./raw-map.js";
import { type PathRule, RULE_TRIE } from "./rules.js";
import type { UniqueKey } from "./unique-keys.js";

type RuleNode = PathTrie<PathRule> | undefined;

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

function walk(value: RawValue, node: RuleNode): RawValue {
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, walk(value.value, node));
  if (isRawMap(value)) {
    const out: RawMap = {};
    for (const key of Object.keys(value)) setKey(out, key, walk(value[key] as RawValue, stepTrie(node, key)));
    return out;
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => walk(item, stepTrie(node, index)));
    const keyOf = node?.value?.unique;
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
  return walk(tree, RULE_TRIE);
}

/** Visits only the subtrees some rule reaches; returns the (possibly new) value for `value`'s place. */
function walkInPlace(value: RawValue, node: PathTrie<PathRule>): RawValue {
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, walkInPlace(value.value, node));
  if (isRawMap(value)) {
    if (node.keys.size === 0 && node.otherKey === undefined) return value;
    for (const key of Object.keys(value)) {
      const child = stepTrie(node, key);
      const item = value[key] as RawValue;
      if (child === undefined || item === null || typeof item !== "object") continue;
      const done = walkInPlace(item, child);
      if (done !== item) setKey(value, key, done);
    }
    return value;
  }
  if (Array.isArray(value)) {
    const child = node.index;
    if (child !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i] as RawValue;
        if (item !== null && typeof item === "object") value[i] = walkInPlace(item, child);
      }
    }
    const keyOf = node.value?.unique;
    return keyOf === undefined || value.length < 2 ? value : dedupe(value, keyOf);
  }
  return value;
}

/** `enforceUnicity` for a tree the caller owns (no node shared): lists are de-duplicated in place. */
export function enforceUnicityInPlace(tree: RawValue): RawValue {
  return walkInPlace(tree, RULE_TRIE);
}
