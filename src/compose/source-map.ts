import type { TreePath } from "./tree.js";

/** A position in a source file; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One path segment's entry: its location (if recorded) and the entries below it. */
interface Entry {
  location: SourceLocation | undefined;
  children: Map<string, Entry> | undefined;
}

const INDEX_KEYS: string[] = [];

/** A path segment as a map key: list indexes and numeric keys are the same segment (`0` ≡ `"0"`). */
function segment(part: string | number): string {
  if (typeof part === "string") return part;
  if (part >= 0 && part < 1024 && Number.isInteger(part)) {
    INDEX_KEYS[part] ??= String(part);
    return INDEX_KEYS[part] as string;
  }
  return String(part);
}

/** Another map's entries seen below `prefix` (a whole absorbed map: referenced, not copied). */
interface Borrowed {
  map: SourceMap;
  prefix: readonly string[];
}

const emptyEntry = (): Entry => ({ location: undefined, children: undefined });

/**
 * Maps tree paths to where their value was written, so errors can name file:line:column. Stored as a
 * tree of segments (no key string is built per path); a whole map absorbed from another one is only
 * referenced (later layers win), as locations are set once, while reading, and looked up rarely.
 */
export class SourceMap {
  /** Oldest first; an Entry is this map's own tree of segments. */
  private readonly layers: (Entry | Borrowed)[] = [];
  /** The own layer on top, where `set` writes (undefined after an absorb). */
  private top: Entry | undefined;

  /** Records where the value at `path` was written (a later call for the same path wins). */
  set(path: TreePath, location: SourceLocation): void {
    ensure(this.own(), path).location = location;
  }

  /** The location recorded for exactly this path. */
  get(path: TreePath): SourceLocation | undefined {
    return this.at(path.map(segment));
  }

  /** The location of this path, or of its nearest ancestor that has one. */
  find(path: TreePath): SourceLocation | undefined {
    const keys = path.map(segment);
    for (let end = keys.length; end >= 0; end--) {
      const found = this.at(keys.slice(0, end));
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
    this.layers.push({ map: other, prefix: prefix.map(segment) });
    this.top = undefined;
  }

  /** Copies the entries of `other` below `from` so that they sit below `to` here (e.g. an extended service). */
  absorbSubtree(other: SourceMap, from: TreePath, to: TreePath): void {
    const source = other.flatten(from.map(segment));
    if (source !== undefined) graft(ensure(this.own(), to), source);
  }

  /** Number of recorded paths. */
  get size(): number {
    return count(this.flatten([]) ?? emptyEntry());
  }

  private own(): Entry {
    if (this.top === undefined) {
      this.top = emptyEntry();
      this.layers.push(this.top);
    }
    return this.top;
  }

  private at(keys: readonly string[]): SourceLocation | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i] as Entry | Borrowed;
      if (!("map" in layer)) {
        const found = lookup(layer, keys)?.location;
        if (found !== undefined) return found;
      } else if (startsWith(keys, layer.prefix)) {
        const found = layer.map.at(keys.slice(layer.prefix.length));
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  /** A copy of the entries below `keys`, every layer applied in order (undefined: none). */
  private flatten(keys: readonly string[]): Entry | undefined {
    let out: Entry | undefined;
    for (const layer of this.layers) {
      let source: Entry | undefined;
      if (!("map" in layer)) source = lookup(layer, keys);
      else if (startsWith(keys, layer.prefix)) source = layer.map.flatten(keys.slice(layer.prefix.length));
      else if (startsWith(layer.prefix, keys)) {
        // The borrowed map sits deeper than `keys`: place its entries at the rest of its prefix.
        const below = layer.map.flatten([]);
        if (below !== undefined) {
          source = emptyEntry();
          graft(ensure(source, layer.prefix.slice(keys.length)), below);
        }
      }
      if (source === undefined) continue;
      out ??= emptyEntry();
      graft(out, source);
    }
    return out;
  }
}

function startsWith(keys: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > keys.length) return false;
  for (let i = 0; i < prefix.length; i++) if (keys[i] !== prefix[i]) return false;
  return true;
}

function lookup(root: Entry, keys: readonly string[]): Entry | undefined {
  let entry: Entry | undefined = root;
  for (const key of keys) {
    entry = entry.children?.get(key);
    if (entry === undefined) return undefined;
  }
  return entry;
}

function ensure(root: Entry, path: TreePath): Entry {
  let entry = root;
  for (const part of path) {
    const key = segment(part);
    entry.children ??= new Map();
    let child = entry.children.get(key);
    if (child === undefined) {
      child = emptyEntry();
      entry.children.set(key, child);
    }
    entry = child;
  }
  return entry;
}

function graft(target: Entry, source: Entry): void {
  if (source.location !== undefined) target.location = source.location;
  if (source.children === undefined) return;
  target.children ??= new Map();
  for (const [key, child] of source.children) {
    let into = target.children.get(key);
    if (into === undefined) {
      into = emptyEntry();
      target.children.set(key, into);
    }
    graft(into, child);
  }
}

function count(entry: Entry): number {
  let total = entry.location === undefined ? 0 : 1;
  if (entry.children !== undefined) for (const child of entry.children.values()) total += count(child);
  return total;
}
