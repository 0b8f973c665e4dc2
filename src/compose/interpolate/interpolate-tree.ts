import { ComposeError, type ComposeIssue } from "../errors.js";
import type { EnvLookup } from "../host.js";
import type { SourceMap } from "../source-map.js";
import type { RawValue, TreePath } from "../tree.js";
import { castTrie } from "./cast-typed-values.js";
import { copyWalk, type StringPass, walkInPlace } from "./tree-walk.js";

/** Options of `interpolateTree`. */
export interface InterpolateTreeOptions {
  lookup: EnvLookup;
  /** Locates failures as file:line:column. */
  sources?: SourceMap;
  /** Path of `value` inside the whole compose tree (for messages and source lookup). */
  pathPrefix?: TreePath;
  /** Hears each unset variable used without default, with the path of the value (Compose warns). */
  onUnset?: (name: string, path: TreePath) => void;
  /** `interpolateAndCastInPlace` sets `tags` here: whether the tree holds a `!reset`/`!override` tag. */
  found?: { tags: boolean };
}

/**
 * Substitutes variables in every string value of `value` at any depth (never in keys; inside
 * `!reset`/`!override` too, keeping the tag). Every failure is collected; one ComposeError lists them.
 */
export function interpolateTree(value: RawValue, options: InterpolateTreeOptions): RawValue {
  const issues: ComposeIssue[] = [];
  const result = copyWalk(value, undefined, [...(options.pathPrefix ?? [])], { ...options, issues });
  if (issues.length > 0) throw new ComposeError(issues);
  return result;
}

/**
 * `interpolateTree` then `castTypedValues` (the compose file table) in one walk, as a compose file
 * is read. The result is a fresh tree that shares no node with the input nor within itself.
 */
export function interpolateAndCast(value: RawValue, options: InterpolateTreeOptions): RawValue {
  const issues: ComposeIssue[] = [];
  const prefix = [...(options.pathPrefix ?? [])];
  const node = castTrie(undefined, prefix);
  const result = copyWalk(value, node, prefix, { ...options, issues });
  if (issues.length > 0) throw new ComposeError(issues);
  return result;
}

/**
 * `interpolateAndCast` on a tree the caller owns and shares with nobody (a freshly parsed file):
 * strings are replaced where they sit, so nothing is copied. Returns the (same) tree.
 */
export function interpolateAndCastInPlace(value: RawValue, options: InterpolateTreeOptions): RawValue {
  const issues: ComposeIssue[] = [];
  const prefix = [...(options.pathPrefix ?? [])];
  const pass: StringPass = { ...options, issues };
  // One lookup for the whole walk: a template repeated across services (anchors) expands once.
  if (options.onUnset === undefined) pass.expanded = new Map();
  const result = walkInPlace(value, castTrie(undefined, prefix), prefix, pass);
  if (issues.length > 0) throw new ComposeError(issues);
  if (options.found !== undefined) options.found.tags = pass.tagged === true;
  return result;
}
