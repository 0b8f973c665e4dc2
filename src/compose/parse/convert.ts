import {
  type Alias,
  isAlias,
  isMap,
  isScalar,
  type ParsedNode,
  Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { ComposeIssue } from "../errors.js";
import { type RawMap, type RawValue, TaggedValue, type TreePath } from "../tree.js";
import { isStringKey, keyOf } from "./keys.js";
import { type Locator, ParseAbort } from "./locate.js";
import { defineKey, mergeInto } from "./merge-keys.js";
import { resolvePlain, resolveWithTag } from "./scalar.js";
import { MAX_DEPTH } from "./survey.js";
import { classifyTag } from "./tags.js";

/** Records where the value at a path was written (a character offset). */
export type Recorder = (path: TreePath, offset: number) => void;

/** Everything the conversion of one document shares. */
export interface ConvertContext {
  locator: Locator;
  targets: ReadonlyMap<Alias.Parsed, ParsedNode>;
  issues: ComposeIssue[];
  /** Nodes produced so far (aliases expanded) and the most allowed. */
  budget: { used: number; limit: number };
  /** Nodes being converted right now: an alias to one of them is a cycle. */
  active: Set<ParsedNode>;
  /** Offsets of the aliases being expanded, outermost first. */
  aliasTrail: number[];
  record: Recorder;
}

/**
 * Converts a YAML node into a raw value. Aliases are expanded (each use is a fresh copy), `<<`
 * merge keys applied, `!reset`/`!override` kept as TaggedValue. The caller records the
 * location of `path` itself; this records the locations of everything below it.
 */
export function convertNode(node: ParsedNode | null, path: TreePath, ctx: ConvertContext): RawValue {
  if (node === null) return null;
  charge(node, path, ctx);
  if (isAlias(node)) return convertAlias(node, path, ctx);
  ctx.active.add(node);
  try {
    const value = isScalar(node)
      ? scalarValue(node)
      : isMap(node)
        ? convertMap(node, path, ctx)
        : convertSeq(node, path, ctx);
    const tag = classifyTag(node.tag);
    return tag.kind === "compose" ? new TaggedValue(tag.tag, value) : value;
  } finally {
    ctx.active.delete(node);
  }
}

/** The node an alias refers to, or undefined (with an issue) when following it would loop. */
export function followAlias(
  alias: Alias.Parsed,
  path: TreePath,
  ctx: ConvertContext,
): ParsedNode | undefined {
  const target = ctx.targets.get(alias);
  if (target === undefined) return undefined;
  if (ctx.active.has(target)) {
    const message = `cycle detected: alias *${alias.source} refers to a node that contains it`;
    ctx.issues.push(ctx.locator.issue(path, alias.range[0], message));
    return undefined;
  }
  return target;
}

function convertAlias(alias: Alias.Parsed, path: TreePath, ctx: ConvertContext): RawValue {
  const target = followAlias(alias, path, ctx);
  if (target === undefined) return null;
  ctx.aliasTrail.push(alias.range[0]);
  try {
    return convertNode(target, path, ctx);
  } finally {
    ctx.aliasTrail.pop();
  }
}

function charge(node: ParsedNode, path: TreePath, ctx: ConvertContext): void {
  ctx.budget.used++;
  const offset = ctx.aliasTrail[0] ?? node.range[0];
  if (ctx.budget.used > ctx.budget.limit) {
    const message = `excessive aliasing: aliases expand to more than ${ctx.budget.limit} nodes (an alias bomb?)`;
    throw new ParseAbort(ctx.locator.issue(path, offset, message));
  }
  if (path.length > MAX_DEPTH) {
    const message = `nesting too deep: aliases expand to more than ${MAX_DEPTH} levels`;
    throw new ParseAbort(ctx.locator.issue(path, offset, message));
  }
}

function scalarValue(node: Scalar.Parsed): RawValue {
  const text = String(node.value);
  const tag = classifyTag(node.tag);
  if (tag.kind === "standard") {
    const resolved = resolveWithTag(tag.short, text);
    return "error" in resolved ? text : resolved.value;
  }
  return node.type === Scalar.PLAIN ? resolvePlain(text).value : text;
}

function convertSeq(node: YAMLSeq.Parsed, path: TreePath, ctx: ConvertContext): RawValue[] {
  return node.items.map((item, index) => {
    const itemPath = [...path, index];
    ctx.record(itemPath, item.range[0]);
    return convertNode(item, itemPath, ctx);
  });
}

function convertMap(node: YAMLMap.Parsed, path: TreePath, ctx: ConvertContext): RawMap {
  const keys = node.items.map((pair) => keyOf(pair.key, ctx.targets));
  const explicit = new Set(keys.filter(isStringKey).map((k) => k.key));
  const out: RawMap = {};
  node.items.forEach((pair, index) => {
    const key = keys[index];
    if (key === undefined) return;
    if ("merge" in key) {
      const request = { source: pair.value, path, explicit, at: pair.key.range[0] };
      mergeInto(out, { ...request, convert: convertNode, follow: followAlias }, ctx);
      return;
    }
    if (!isStringKey(key) || Object.hasOwn(out, key.key)) return;
    const entryPath = [...path, key.key];
    ctx.record(entryPath, pair.key.range[0]);
    defineKey(out, key.key, convertNode(pair.value, entryPath, ctx));
  });
  return out;
}
