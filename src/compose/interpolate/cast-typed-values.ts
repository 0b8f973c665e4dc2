import { type RawValue, TaggedValue, type TreePath } from "../tree.js";
import { type Caster, type CastRule, COMPOSE_CAST_RULES } from "./cast-rules.js";

/** Options of `castTypedValues`. */
export interface CastOptions {
  /** Typed paths to apply (default: the compose file table). */
  rules?: readonly CastRule[];
  /** Path of `tree` inside the whole compose tree. */
  pathPrefix?: TreePath;
}

/**
 * Turns strings at typed paths (`services.*.deploy.replicas`, `*.external`, …) into numbers or
 * booleans, as Compose does after interpolation. A string that does not parse is kept for validation.
 */
export function castTypedValues(tree: RawValue, options: CastOptions = {}): RawValue {
  return walk(tree, options.pathPrefix ?? [], options.rules ?? COMPOSE_CAST_RULES);
}

function walk(value: RawValue, path: TreePath, rules: readonly CastRule[]): RawValue {
  if (typeof value === "string") {
    const cast = casterFor(path, rules);
    return cast?.(value) ?? value;
  }
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, walk(value.value, path, rules));
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], rules));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], rules)]),
    );
  }
  return value;
}

function casterFor(path: TreePath, rules: readonly CastRule[]): Caster | undefined {
  return rules.find((rule) => matches(path, rule.pattern))?.cast;
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
