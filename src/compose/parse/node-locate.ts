import type { LazyLocations, SourceLocation } from "../source-map.js";
import type { TreePath } from "../tree.js";
import { YNode } from "./js-yaml-nodes.js";
import type { NodePlacer } from "./node-place.js";

/**
 * The locations of a document that the js-yaml path copied (see node-copy.ts), found on demand by
 * walking its nodes along a path the way the copy walked them: only errors ask, so nothing is
 * recorded while parsing. A map entry sits at its key, a list item at the item (an alias at the
 * alias), what is inside an alias or merged by `<<` where it is written in the anchored node.
 */
export class DocumentLocations implements LazyLocations {
  constructor(
    private readonly root: YNode,
    private readonly placer: NodePlacer,
  ) {}

  /** The location of the value at `path` (segments as strings or numbers), if the copy has it. */
  at(path: TreePath): SourceLocation | undefined {
    let node = this.root;
    let location = this.placer.locate(node);
    for (const segment of path) {
      const target = deref(node);
      if (target.kind === "mapping") {
        const entry = findEntry(target, String(segment));
        if (entry === undefined || entry.prev === null) return undefined;
        location = this.placer.locate(entry.prev);
        node = entry;
      } else if (target.kind === "sequence") {
        const items = target.value as unknown[];
        const index = indexOf(segment, items.length);
        const item = index === undefined ? undefined : items[index];
        if (!(item instanceof YNode)) return undefined;
        location = this.placer.locate(item);
        node = item;
      } else return undefined;
    }
    return location;
  }

  /** Every located path with its location, the root first (what the copy holds). */
  *entries(): Generator<[TreePath, SourceLocation]> {
    yield [[], this.placer.locate(this.root)];
    yield* this.below(this.root, []);
  }

  private *below(node: YNode, path: TreePath): Generator<[TreePath, SourceLocation]> {
    const target = deref(node);
    if (target.kind === "sequence") {
      const items = target.value as unknown[];
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        if (!(item instanceof YNode)) continue;
        const itemPath = [...path, index];
        yield [itemPath, this.placer.locate(item)];
        yield* this.below(item, itemPath);
      }
    } else if (target.kind === "mapping") {
      for (const [name, entry] of mappingEntries(target)) {
        if (entry.prev === null) continue;
        const entryPath = [...path, name];
        yield [entryPath, this.placer.locate(entry.prev)];
        yield* this.below(entry, entryPath);
      }
    }
  }
}

/** The node behind an alias (an alias's target is never an alias). */
function deref(node: YNode): YNode {
  return node.kind === "alias" && node.value instanceof YNode ? node.value : node;
}

/** A canonical list index below `length` (`"0"`, `"12"`; not `"01"`), or undefined. */
function indexOf(segment: string | number, length: number): number | undefined {
  const index = typeof segment === "number" ? segment : Number(segment);
  if (!Number.isInteger(index) || index < 0 || index >= length) return undefined;
  return typeof segment === "number" || String(index) === segment ? index : undefined;
}

/** True when `value` is the value of a `<<` merge key (a plain, untagged `<<` key). */
function isMergeEntry(value: YNode): boolean {
  const key = value.prev;
  return key !== null && key.kind === "scalar" && key.tag === "?" && key.value === "<<";
}

/** The mappings a `<<` value merges, in order (first wins). */
function mergeSources(value: YNode): YNode[] {
  const target = deref(value);
  if (target.kind === "mapping") return [target];
  if (target.kind !== "sequence") return [];
  return (target.value as unknown[]).filter((item): item is YNode => item instanceof YNode).map(deref);
}

/** The value node of the entry `name` of a mapping as copied: written keys win over merged ones. */
function findEntry(mapping: YNode, name: string): YNode | undefined {
  const written = mapping.value as Record<string, unknown>;
  let merge: YNode | undefined;
  if (Object.hasOwn(written, name)) {
    const value = written[name];
    if (value instanceof YNode && !isMergeEntry(value)) return value;
  }
  for (const key of Object.keys(written)) {
    const value = written[key];
    if (value instanceof YNode && isMergeEntry(value)) merge = value;
  }
  if (merge === undefined) return undefined;
  for (const source of mergeSources(merge)) {
    const found = findEntry(source, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The entries of a mapping as copied, in the copy's key order: written keys, merged keys at the `<<`. */
function mappingEntries(mapping: YNode): Map<string, YNode> {
  const written = mapping.value as Record<string, unknown>;
  const out = new Map<string, YNode>();
  const explicit = new Set<string>();
  for (const name of Object.keys(written)) {
    const value = written[name];
    if (value instanceof YNode && !isMergeEntry(value)) explicit.add(name);
  }
  for (const name of Object.keys(written)) {
    const value = written[name];
    if (!(value instanceof YNode)) continue;
    if (!isMergeEntry(value)) {
      if (!out.has(name)) out.set(name, value);
      continue;
    }
    for (const source of mergeSources(value))
      for (const [key, entry] of mappingEntries(source))
        if (!explicit.has(key) && !out.has(key)) out.set(key, entry);
  }
  return out;
}
