import type { TreePath } from "../tree.js";

/** A compiled path pattern: dot-separated segments where `*` matches any one key or index. */
export type PathPattern = readonly string[];

/** Splits `services.*.environment` into its segments. */
export function compilePattern(pattern: string): PathPattern {
  return pattern.split(".");
}

/** True when `path` has exactly the pattern's length and every segment matches (`*` matches anything). */
export function matchesPattern(path: TreePath, pattern: PathPattern): boolean {
  if (path.length !== pattern.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i];
    if (want !== "*" && want !== String(path[i])) return false;
  }
  return true;
}

/** True when some concrete path could match both patterns (used to keep the rule table unambiguous). */
export function patternsOverlap(a: PathPattern, b: PathPattern): boolean {
  if (a.length !== b.length) return false;
  return a.every((seg, i) => seg === "*" || b[i] === "*" || seg === b[i]);
}
