import { pathKey, type TreePath } from "./tree.js";

/** A position in a source file; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** This map's own entries, by path key, with a sorted key index built when a subtree is copied out. */
interface Own {
  entries: Map<string, SourceLocation>;
  sorted: string[] | undefined;
}

/** Another map's entries seen below the path whose key is `prefix` (referenced, not copied). */
interface Borrowed {
  map: SourceMap;
  prefix: string;
}

const SEPARATOR = "\u0000";

/**
 * Maps tree paths to where their value was written, so errors can name file:line:column. Setting
 * costs one key join and one map write (the parser sets every node); a whole map absorbed from
 * another one is only referenced (later layers win), and copying a subtree out of a map reads only
 * that subtree (through a sorted key index), as locations are set once and looked up rarely.
 */
export class SourceMap {
  /** Oldest first. */
  private readonly layers: (Own | Borrowed)[] = [];
  /** The own layer on top, where `set` writes (undefined after an absorb). */
  private top: Own | undefined;

  /** Records where the value at `path` was written (a later call for the same path wins). */
  set(path: TreePath, location: SourceLocation): void {
    this.setKey(pathKey(path), location);
  }

  /** The location recorded for exactly this path. */
  get(path: TreePath): SourceLocation | undefined {
    return this.at(pathKey(path));
  }

  /** The location of this path, or of its nearest ancestor that has one. */
  find(path: TreePath): SourceLocation | undefined {
    for (let end = path.length; end >= 0; end--) {
      const found = this.at(pathKey(path.slice(0, end)));
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Adds every entry of `other` under `prefix` (later files override earlier ones). `other` is
   * referenced, not copied: it must not change afterwards (a parsed file's map never does).
   */
  absorb(other: SourceMap, prefix: TreePath = []): void {
    if (other === this) return;
    this.layers.push({ map: other, prefix: pathKey(prefix) });
    this.top = undefined;
  }

  /** Copies the entries of `other` below `from` so that they sit below `to` here (e.g. an extended service). */
  absorbSubtree(other: SourceMap, from: TreePath, to: TreePath): void {
    const toKey = pathKey(to);
    for (const [suffix, location] of other.below(pathKey(from))) this.setKey(toKey + suffix, location);
  }

  /** Number of recorded paths. */
  get size(): number {
    return this.below(undefined).size;
  }

  private setKey(key: string, location: SourceLocation): void {
    if (this.top === undefined) {
      this.top = { entries: new Map(), sorted: undefined };
      this.layers.push(this.top);
    }
    if (this.top.sorted !== undefined && !this.top.entries.has(key)) this.top.sorted = undefined;
    this.top.entries.set(key, location);
  }

  private at(key: string): SourceLocation | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i] as Own | Borrowed;
      const found =
        "entries" in layer
          ? layer.entries.get(key)
          : borrowedKey(layer.prefix, key, (rest) => layer.map.at(rest));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /**
   * The entries at the path with key `from` and below it, keyed by what follows `from` in their key
   * (`""` for `from` itself), every layer applied in order; all entries (by key) for `undefined`.
   */
  private below(from: string | undefined): Map<string, SourceLocation> {
    const out = new Map<string, SourceLocation>();
    for (const layer of this.layers) {
      if ("entries" in layer) {
        if (from === undefined) for (const [key, location] of layer.entries) out.set(key, location);
        else ownBelow(layer, from, out);
        continue;
      }
      const { prefix } = layer;
      const rebase = (key: string): string =>
        prefix === "" ? key : key === "" ? prefix : `${prefix}${SEPARATOR}${key}`;
      if (from === undefined) {
        for (const [key, location] of layer.map.below(undefined)) out.set(rebase(key), location);
        continue;
      }
      // Entries of the borrowed map whose rebased key is `from` or lies below it.
      for (const [key, location] of layer.map.below(undefined)) {
        const full = rebase(key);
        if (full === from) out.set("", location);
        else if (full.startsWith(from + SEPARATOR)) out.set(full.slice(from.length), location);
      }
    }
    return out;
  }
}

/** Looks `key` up in a map borrowed under `prefix` (the inverse of how `absorb` places its keys). */
function borrowedKey(
  prefix: string,
  key: string,
  lookup: (rest: string) => SourceLocation | undefined,
): SourceLocation | undefined {
  if (prefix === "") return lookup(key);
  if (key === prefix) return lookup("");
  return key.startsWith(prefix + SEPARATOR) ? lookup(key.slice(prefix.length + 1)) : undefined;
}

/** Adds the own entries at `from` and below it to `out`, found through the sorted key index. */
function ownBelow(layer: Own, from: string, out: Map<string, SourceLocation>): void {
  const exact = layer.entries.get(from);
  if (exact !== undefined) out.set("", exact);
  layer.sorted ??= [...layer.entries.keys()].sort();
  const sorted = layer.sorted;
  const start = from + SEPARATOR;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < sorted.length; i++) {
    const key = sorted[i] as string;
    if (!key.startsWith(start)) break;
    out.set(key.slice(from.length), layer.entries.get(key) as SourceLocation);
  }
}
