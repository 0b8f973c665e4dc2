import { type ComposeIssue, issueAt } from "../errors.js";
import type { EnvLookup } from "../host.js";
import { type PathTrie, stepTrie } from "../merge/path-trie.js";
import type { SourceMap } from "../source-map.js";
import { formatPath, type RawMap, type RawValue, setOwn, TaggedValue, type TreePath } from "../tree.js";
import type { Caster } from "./cast-rules.js";
import { goQuote } from "./go-quote.js";
import {
  describeFailure,
  expandTemplate,
  type TemplateFailure,
  TemplateFailureSignal,
} from "./template-scanner.js";

/** How one copy-walk expands strings (casting follows the trie node handed to `copyWalk`). */
export interface StringPass {
  /** Expand templates against this lookup (none: strings are not expanded). */
  lookup?: EnvLookup;
  sources?: SourceMap;
  onUnset?: (name: string, path: TreePath) => void;
  /** Failures are collected here. */
  issues: ComposeIssue[];
  /** Set to true by the in-place walk when it meets a `!reset`/`!override` tag. */
  tagged?: boolean;
  /** Expansions already made in this pass, by template (only without `onUnset`, which hears each use). */
  expanded?: Map<string, string>;
}

/** One string of the tree: expanded (unless the pass has no lookup), then cast by the trie's caster. */
function expandAndCast(
  value: string,
  node: PathTrie<Caster> | undefined,
  path: (string | number)[],
  pass: StringPass,
): RawValue {
  const text = pass.lookup === undefined ? value : expandAt(value, path, pass);
  const cast = node?.value;
  return cast === undefined ? text : (cast(text) ?? text);
}

/**
 * Copies `value` (every map and list is new, so the copy shares no node with the input nor within
 * itself) while expanding and casting its strings. `path` is where `value` sits; it is used as a stack.
 */
export function copyWalk(
  value: RawValue,
  node: PathTrie<Caster> | undefined,
  path: (string | number)[],
  pass: StringPass,
): RawValue {
  if (typeof value === "string") return expandAndCast(value, node, path, pass);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof TaggedValue)
    return new TaggedValue(value.tag, copyWalk(value.value, node, path, pass));
  if (Array.isArray(value)) {
    const out: RawValue[] = [];
    const child = node?.index;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      out.push(copyWalk(value[i] as RawValue, child, path, pass));
      path.pop();
    }
    return out;
  }
  const out: RawMap = {};
  for (const key of Object.keys(value)) {
    path.push(key);
    setOwn(out, key, copyWalk(value[key] as RawValue, stepTrie(node, key), path, pass));
    path.pop();
  }
  return out;
}

/**
 * `copyWalk` for a tree the caller owns and shares with nobody (a freshly parsed file): strings are
 * expanded and cast where they sit, so no map or list is copied. Returns the value to keep at `path`.
 */
export function walkInPlace(
  value: RawValue,
  node: PathTrie<Caster> | undefined,
  path: (string | number)[],
  pass: StringPass,
): RawValue {
  if (typeof value === "string") return expandAndCast(value, node, path, pass);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof TaggedValue) {
    pass.tagged = true;
    const inner = walkInPlace(value.value, node, path, pass);
    return inner === value.value ? value : new TaggedValue(value.tag, inner);
  }
  if (Array.isArray(value)) {
    const child = node?.index;
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as RawValue;
      if (item === null || typeof item === "boolean" || typeof item === "number") continue;
      path.push(i);
      const walked = walkInPlace(item, child, path, pass);
      if (walked !== item) value[i] = walked;
      path.pop();
    }
    return value;
  }
  for (const key of Object.keys(value)) {
    const item = value[key] as RawValue;
    if (item === null || typeof item === "boolean" || typeof item === "number") continue;
    path.push(key);
    const walked = walkInPlace(item, stepTrie(node, key), path, pass);
    // An own key already (also `__proto__`, defined as one by the parser): plain assignment is safe.
    if (walked !== item) value[key] = walked;
    path.pop();
  }
  return value;
}

function expandAt(template: string, path: TreePath, pass: StringPass): string {
  if (!template.includes("$")) return template;
  const known = pass.expanded?.get(template);
  if (known !== undefined) return known;
  try {
    const { onUnset } = pass;
    const out = expandTemplate(template, {
      lookup: pass.lookup as EnvLookup,
      onUnset: onUnset && ((name) => onUnset(name, [...path])),
    });
    pass.expanded?.set(template, out);
    return out;
  } catch (error: unknown) {
    if (!(error instanceof TemplateFailureSignal)) throw error;
    pass.issues.push(issueAt(path, pathMessage(path, error.failure), pass.sources));
    return template;
  }
}

/** Compose's wording of a failure at a tree path. */
function pathMessage(path: TreePath, failure: TemplateFailure): string {
  const where = formatPath(path);
  if (failure.kind === "invalid") {
    return (
      `invalid interpolation format for ${where}: ${goQuote(failure.template)}` +
      " (you may need to escape any $ with another $)"
    );
  }
  return `error while interpolating ${where}: ${describeFailure(failure)}`;
}
