import { isRawMap, type RawMap, type RawValue, TaggedValue, type TreePath } from "../tree.js";
import { stepTrie, walkTrie } from "./path-trie.js";
import { getKey, setKey } from "./raw-map.js";
import { type PathRule, RULE_TRIE } from "./rules.js";
import type { MergeContext } from "./strategies.js";
import { pruneTagged, resolveTags, resolveTagsInPlace } from "./tags.js";

type RuleNode = ReturnType<typeof walkTrie<PathRule>>;

/** The path of the node being merged, kept as one mutable stack (copied only for a strategy). */
type PathStack = (string | number)[];

function mergeMapsAt(base: RawMap, override: RawMap, node: RuleNode, path: PathStack): RawMap {
  for (const key of Object.keys(override)) {
    const value = override[key] as RawValue;
    const existing = getKey(base, key);
    if (existing === undefined) {
      setKey(base, key, value);
      continue;
    }
    path.push(key);
    setKey(base, key, mergeAt(existing, value, stepTrie(node, key), path));
    path.pop();
  }
  return base;
}

/** The default recursive merge of two maps at `path`, for strategies (see MergeContext). */
function mergeMaps(base: RawMap, override: RawMap, path: TreePath): RawMap {
  return mergeMapsAt(base, override, walkTrie(RULE_TRIE, path), [...path]);
}

function mergeAt(base: RawValue, override: RawValue, node: RuleNode, path: PathStack): RawValue {
  const strategy = node?.value?.merge;
  if (strategy !== undefined) {
    const ctx: MergeContext = { path: [...path], mergeMaps };
    return strategy(base, override, ctx);
  }
  if (override === null) return base;
  if (isRawMap(base) && isRawMap(override)) return mergeMapsAt(base, override, node, path);
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
  return mergeAt(pruneTagged(resolveTags(base), override), resolveTags(override), RULE_TRIE, []);
}

/**
 * `mergeTrees` for trees the caller owns and never uses again: no copies are made, both are changed
 * and the result shares their nodes. Neither may share a node with the other or within itself.
 * `at` is where both sit in the whole compose tree (the merge rules depend on it).
 */
export function mergeOwnedTrees(
  base: RawValue,
  override: RawValue,
  at: TreePath = [],
  known: TagFreedom = {},
): RawValue {
  if (override instanceof TaggedValue) return resolveTagsInPlace(override);
  if (known.overrideTagFree === true) {
    const clean = known.baseTagFree === true ? base : resolveTagsInPlace(base);
    return mergeAt(clean, override, walkTrie(RULE_TRIE, at), [...at]);
  }
  const pruned = pruneTagged(known.baseTagFree === true ? base : resolveTagsInPlace(base), override);
  return mergeAt(pruned, resolveTagsInPlace(override), walkTrie(RULE_TRIE, at), [...at]);
}

/** What the caller of `mergeOwnedTrees` knows: a side known to hold no tag is not walked for tags. */
export interface TagFreedom {
  baseTagFree?: boolean;
  overrideTagFree?: boolean;
}

/** Merges several compose trees in order (later files override earlier ones). */
export function mergeAll(trees: readonly RawValue[]): RawValue {
  let out: RawValue = {};
  for (const tree of trees) out = mergeTrees(out, tree);
  return out;
}
