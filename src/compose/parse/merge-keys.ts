import { type Alias, isAlias, isMap, isSeq, type ParsedNode } from "yaml";
import { isRawMap, type RawMap, type RawValue, setOwn, type TreePath } from "../tree.js";
import type { ConvertContext } from "./convert.js";

/** One `<<` entry of a mapping, and how to convert and follow nodes (given by the converter). */
export interface MergeRequest {
  /** The value of the `<<` key: a mapping, a sequence of mappings, or aliases to them. */
  source: ParsedNode | null;
  /** Path of the mapping being built. */
  path: TreePath;
  /** Keys written explicitly in that mapping: they win over merged ones wherever they stand. */
  explicit: ReadonlySet<string>;
  /** Offset of the `<<` key, for messages. */
  at: number;
  convert: (node: ParsedNode | null, path: TreePath, ctx: ConvertContext) => RawValue;
  follow: (alias: Alias.Parsed, path: TreePath, ctx: ConvertContext) => ParsedNode | undefined;
}

const REQUIRES_MAP = "map merge requires map or sequence of maps as the value";

/** Sets a key as an own enumerable property (also `__proto__`). */
export function defineKey(map: RawMap, key: string, value: RawValue): void {
  setOwn(map, key, value);
}

/**
 * Applies a `<<` merge key to `out`: keys of the merged mappings are added unless written
 * explicitly or merged already (in a sequence, earlier mappings win, as in YAML 1.1 and yaml.v3).
 * Merged entries keep the location where they are written (inside the anchored mapping).
 */
export function mergeInto(out: RawMap, request: MergeRequest, ctx: ConvertContext): void {
  for (const source of mergeSources(request, ctx)) {
    const issuesBefore = ctx.issues.length;
    const buffered: [TreePath, number][] = [];
    const record = ctx.record;
    ctx.record = (path, offset) => buffered.push([path, offset]);
    let value: RawValue;
    try {
      value = request.convert(source, request.path, ctx);
    } finally {
      ctx.record = record;
    }
    if (!isRawMap(value)) {
      if (ctx.issues.length === issuesBefore) {
        ctx.issues.push(ctx.locator.issue(request.path, source.range[0], REQUIRES_MAP));
      }
      continue;
    }
    const taken = new Set<string>();
    for (const [key, entry] of Object.entries(value)) {
      if (request.explicit.has(key) || Object.hasOwn(out, key)) continue;
      defineKey(out, key, entry);
      taken.add(key);
    }
    const depth = request.path.length;
    for (const [path, offset] of buffered) {
      const head = path[depth];
      if (typeof head === "string" && taken.has(head)) record(path, offset);
    }
  }
}

/** The nodes to merge, in order of precedence; reports values that cannot be merged. */
function mergeSources(request: MergeRequest, ctx: ConvertContext): ParsedNode[] {
  const { source, path } = request;
  if (source === null) {
    ctx.issues.push(ctx.locator.issue(path, request.at, REQUIRES_MAP));
    return [];
  }
  const target = isAlias(source) ? request.follow(source, path, ctx) : source;
  if (target === undefined) return [];
  if (isMap(target)) return [source];
  if (isSeq(target)) {
    const bad = target.items.find((item) => !isMapOrUnknown(item, ctx));
    if (bad === undefined) return target.items;
    ctx.issues.push(ctx.locator.issue(path, (target === source ? bad : source).range[0], REQUIRES_MAP));
    return [];
  }
  ctx.issues.push(ctx.locator.issue(path, source.range[0], REQUIRES_MAP));
  return [];
}

function isMapOrUnknown(item: ParsedNode, ctx: ConvertContext): boolean {
  const target = isAlias(item) ? ctx.targets.get(item) : item;
  return target === undefined || isMap(target);
}
