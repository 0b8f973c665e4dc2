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

/** Another map's entries at and below the path with key `from`, seen at and below the path with key `to`. */
interface Moved {
  moved: SourceMap;
  from: string;
  to: string;
}

/** Locations found on demand (e.g. by walking a parsed document) instead of recorded one by one. */
export interface LazyLocations {
  /** The location of exactly this path (segments as strings or numbers). */
  at(path: TreePath): SourceLocation | undefined;
  /** Every located path (for counting and copying; rarely asked). */
  entries(): Iterable<readonly [TreePath, SourceLocation]>;
}

/** A lazy layer. */
interface Lazy {
  lazy: LazyLocations;
}

type Layer = Own | Borrowed | Moved | Lazy;

const SEPARATOR = "\u0000";

/**
 * Maps tree paths to where their value was written, so errors can name file:line:column. Only
 * errors look locations up, so recording is made cheap: a parsed document is a lazy layer (walked
 * when asked), a whole map absorbed from another one is only referenced (later layers win), and so
 * is a subtree of another map placed elsewhere (an extended service); setting costs one key join.
 */
export class SourceMap {
  /** Oldest first. */
  private readonly layers: Layer[] = [];
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

  /**
   * Places the entries of `other` at and below `from` at and below `to` here (e.g. an extended
   * service), referenced like `absorb`: `other` must not change afterwards.
   */
  absorbSubtree(other: SourceMap, from: TreePath, to: TreePath): void {
    this.layers.push({ moved: other, from: pathKey(from), to: pathKey(to) });
    this.top = undefined;
  }

  /** Adds locations found on demand; later layers win over it, it wins over earlier ones. */
  addLazy(lazy: LazyLocations): void {
    this.layers.push({ lazy });
    this.top = undefined;
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
      const found = this.layerAt(this.layers[i] as Layer, key);
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
      if (!("map" in layer)) {
        for (const [key, location] of this.layerEntries(layer)) {
          if (from === undefined) out.set(key, location);
          else if (key === from) out.set("", location);
          else if (key.startsWith(from + SEPARATOR)) out.set(key.slice(from.length), location);
        }
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

  /** The location of `key` in one layer. */
  private layerAt(layer: Layer, key: string): SourceLocation | undefined {
    if ("entries" in layer) return layer.entries.get(key);
    if ("map" in layer) return borrowedKey(layer.prefix, key, (rest) => layer.map.at(rest));
    // The key "" stands for the root and for a top-level "" key alike; recorded maps hold the later.
    if ("lazy" in layer)
      return key === "" ? (layer.lazy.at([""]) ?? layer.lazy.at([])) : layer.lazy.at(key.split(SEPARATOR));
    const { moved, from, to } = layer;
    if (key === to) return moved.at(from);
    let rest: string;
    if (to === "") rest = key;
    else if (key.startsWith(to + SEPARATOR)) rest = key.slice(to.length + 1);
    else return undefined;
    return moved.at(from === "" ? rest : `${from}${SEPARATOR}${rest}`);
  }

  /** Every entry of a lazy or moved layer, by full key. */
  private layerEntries(layer: Lazy | Moved): Map<string, SourceLocation> {
    const out = new Map<string, SourceLocation>();
    if ("lazy" in layer) {
      for (const [path, location] of layer.lazy.entries()) out.set(pathKey(path), location);
      return out;
    }
    for (const [suffix, location] of layer.moved.below(layer.from)) {
      const key = layer.to === "" ? suffix.slice(SEPARATOR.length) : layer.to + suffix;
      out.set(suffix === "" ? layer.to : key, location);
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
