import { isRawMap, type RawMap, type RawValue, setOwn, TaggedValue } from "../tree.js";
import { Decline, YNode } from "./js-yaml-nodes.js";
import type { NodePlacer } from "./node-place.js";
import { resolvePlain } from "./scalar.js";
import { MAX_DEPTH } from "./survey.js";
import { classifyTag } from "./tags.js";

/** The alias expansion budget: the same rule as the careful path, never more generous. */
export interface CopyBudget {
  factor: number;
  min: number;
}

/** State of one copy of a node document into a raw tree. */
export interface CopyContext {
  placer: NodePlacer;
  budget: CopyBudget;
  /** Nodes copied so far (aliases expanded; counted as the careful path counts, or more). */
  used: number;
  /** Written nodes met so far outside aliases: the budget grows with them. */
  written: number;
  aliasDepth: number;
  /** Nodes being copied right now: an alias to one of them is a cycle. */
  active: Set<YNode>;
}

/**
 * Copies a node (and, through aliases, the nodes it refers to) into a fresh raw tree: aliases
 * expanded, `<<` merged, `!reset`/`!override` kept. Throws Decline on anything that is a problem
 * (or might be one): the careful path then reports it. `depth` is the length of the node's tree path;
 * locations are not recorded (DocumentLocations finds them when an error asks).
 */
export function copyNode(node: YNode | null, depth: number, ctx: CopyContext): RawValue {
  charge(depth, ctx);
  if (node === null) return null;
  if (node.kind === "alias") {
    const target = follow(node);
    if (ctx.active.has(target)) throw new Decline("cycle");
    ctx.aliasDepth++;
    try {
      return copyNode(target, depth, ctx);
    } finally {
      ctx.aliasDepth--;
    }
  }
  if (ctx.aliasDepth === 0) ctx.written++;
  // Leaves hold no aliases (never part of a cycle), and most nodes carry no tag: both skip the bookkeeping.
  if (node.kind === "scalar" || node.kind === "empty") {
    const value = contentOf(node, depth, ctx);
    return isUntagged(node.tag) ? value : tagged(node, value);
  }
  ctx.active.add(node);
  try {
    const value = contentOf(node, depth, ctx);
    return isUntagged(node.tag) ? value : tagged(node, value);
  } finally {
    ctx.active.delete(node);
  }
}

/** True for the tags classifyTag sorts as none: js-yaml's `?` (plain), `!` and no tag at all. */
function isUntagged(tag: string | null): boolean {
  return tag === null || tag === "?" || tag === "!";
}

/** Applies a node's tag to its copied content: keeps compose tags, declines what this path does not model. */
function tagged(node: YNode, value: RawValue): RawValue {
  const tag = classifyTag(node.tag === "?" ? undefined : (node.tag ?? undefined));
  if (tag.kind === "compose") return new TaggedValue(tag.tag, value);
  if (tag.kind === "unknown") throw new Decline("unknown tag");
  if (tag.kind === "standard" && node.kind !== "scalar") {
    const fits = tag.short === (node.kind === "mapping" ? "!!map" : node.kind === "sequence" ? "!!seq" : "");
    if (!fits) throw new Decline("misplaced standard tag");
  }
  return value;
}

function contentOf(node: YNode, depth: number, ctx: CopyContext): RawValue {
  switch (node.kind) {
    case "scalar":
      return scalarValue(node, ctx);
    case "mapping":
      return copyMap(node, depth, ctx);
    case "sequence":
      return copySeq(node, depth, ctx);
    default:
      return null;
  }
}

/** The node an alias refers to. */
export function follow(alias: YNode): YNode {
  if (!(alias.value instanceof YNode)) throw new Decline("alias without target");
  return alias.value;
}

function charge(depth: number, ctx: CopyContext): void {
  ctx.used++;
  if (ctx.used > Math.max(ctx.budget.min, ctx.budget.factor * ctx.written)) throw new Decline("aliasing");
  if (depth > MAX_DEPTH) throw new Decline("nesting");
}

function scalarValue(node: YNode, ctx: CopyContext): RawValue {
  const text = node.value as string;
  if (node.tag === "?") return resolvePlain(text).value;
  if (node.tag === null) return text;
  const tag = classifyTag(node.tag);
  if (tag.kind === "standard") return standardScalar(tag.short, text).value;
  return ctx.placer.isPlain(node) ? resolvePlain(text).value : text;
}

/**
 * A scalar with a standard tag. Only `!!str` is read here: for the others the `yaml` package
 * builds its own value first (`!!int 0777` is 777 to it, `!!timestamp` a Date), so the careful
 * path decides.
 */
function standardScalar(short: string, text: string): { value: RawValue } {
  if (short !== "!!str") throw new Decline(`${short} on a scalar`);
  return { value: text };
}

function copySeq(node: YNode, depth: number, ctx: CopyContext): RawValue[] {
  const items = node.value as unknown[];
  const out: RawValue[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!(item instanceof YNode)) throw new Decline("sequence entry without node");
    out.push(copyNode(item, depth + 1, ctx));
  }
  return out;
}

function copyMap(node: YNode, depth: number, ctx: CopyContext): RawMap {
  const written = node.value as Record<string, unknown>;
  const names = Object.keys(written);
  let merge: YNode | undefined;
  for (const name of names) {
    const value = written[name];
    // js-yaml keyed the value by the key's text (and rejected equal keys); its key closed just before it.
    if (!(value instanceof YNode) || value.prev === null) throw new Decline("entry without a value node");
    const key = keyText(value.prev);
    if ((key ?? "<<") !== name) throw new Decline("entry and key node disagree");
    if (key === undefined) merge = value;
  }
  if (ctx.aliasDepth === 0) ctx.written += names.length;
  const explicit = merge === undefined ? undefined : new Set(names.filter((name) => written[name] !== merge));
  const out: RawMap = {};
  for (const name of names) {
    const value = written[name] as YNode;
    if (value === merge && explicit !== undefined) {
      mergeInto(out, { source: merge, depth, explicit }, ctx);
      continue;
    }
    if (Object.hasOwn(out, name)) continue;
    setOwn(out, name, copyNode(value, depth + 1, ctx));
  }
  return out;
}

/** A key's text as written, or undefined for a `<<` merge key. */
function keyText(node: YNode): string | undefined {
  const scalar = node.kind === "alias" ? follow(node) : node;
  if (scalar.kind !== "scalar") throw new Decline("key is not a scalar");
  const text = scalar.value as string;
  if (node.kind === "alias" || node.tag === null || node.tag === "!") return text;
  if (node.tag === "?") return text === "<<" ? undefined : text;
  const tag = classifyTag(node.tag);
  if (tag.kind !== "standard") throw new Decline("tag on key");
  return String(standardScalar(tag.short, text).value);
}

/** A `<<` entry: what to merge, into which mapping, and the keys written there (they win). */
interface MergeRequest {
  source: YNode | null;
  depth: number;
  explicit: ReadonlySet<string>;
}

function mergeInto(out: RawMap, request: MergeRequest, ctx: CopyContext): void {
  for (const source of mergeSources(request.source, ctx)) {
    const value = copyNode(source, request.depth, ctx);
    if (!isRawMap(value)) throw new Decline("merge of a non-mapping");
    for (const key of Object.keys(value)) {
      if (request.explicit.has(key) || Object.hasOwn(out, key)) continue;
      setOwn(out, key, value[key] ?? null);
    }
  }
}

function mergeSources(source: YNode | null, ctx: CopyContext): YNode[] {
  if (source === null) throw new Decline("empty merge");
  const target = source.kind === "alias" ? follow(source) : source;
  if (ctx.active.has(target)) throw new Decline("cycle");
  if (target.kind === "mapping") return [source];
  if (target.kind !== "sequence") throw new Decline("merge of a non-mapping");
  const items = target.value as unknown[];
  return items.map((item) => {
    if (!(item instanceof YNode)) throw new Decline("odd merge entry");
    const map = item.kind === "alias" ? follow(item) : item;
    if (map.kind !== "mapping") throw new Decline("merge of a non-mapping");
    return item;
  });
}
