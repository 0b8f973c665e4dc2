import { compilePathTrie, type PathTrie, walkTrie } from "../merge/path-trie.js";
import type { RawValue, TreePath } from "../tree.js";
import { type Caster, type CastRule, COMPOSE_CAST_RULES } from "./cast-rules.js";
import { copyWalk } from "./tree-walk.js";

/** Options of `castTypedValues`. */
export interface CastOptions {
  /** Typed paths to apply (default: the compose file table). */
  rules?: readonly CastRule[];
  /** Path of `tree` inside the whole compose tree. */
  pathPrefix?: TreePath;
}

const compiled = new WeakMap<readonly CastRule[], PathTrie<Caster>>();

/** The trie of `rules` (default: the compose file table), entered at `at`. */
export function castTrie(
  rules: readonly CastRule[] = COMPOSE_CAST_RULES,
  at: TreePath = [],
): PathTrie<Caster> | undefined {
  let trie = compiled.get(rules);
  if (trie === undefined) {
    trie = compilePathTrie(rules.map((rule) => [rule.pattern, rule.cast] as const));
    compiled.set(rules, trie);
  }
  return walkTrie(trie, at);
}

/**
 * Turns strings at typed paths (`services.*.deploy.replicas`, `*.external`, …) into numbers or
 * booleans, as Compose does after interpolation. A string that does not parse is kept for validation.
 */
export function castTypedValues(tree: RawValue, options: CastOptions = {}): RawValue {
  const prefix = [...(options.pathPrefix ?? [])];
  return copyWalk(tree, castTrie(options.rules, prefix), prefix, { issues: [] });
}

/** True when `path` fits `pattern` segment by segment (`*` any segment, `[]` any list index). */
export function matches(path: TreePath, pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((segment, index) => {
    const part = path[index];
    if (segment === "*") return true;
    if (segment === "[]") return typeof part === "number";
    return part === segment;
  });
}
