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

/**
 * Maps tree paths to where their value was written, so errors can name file:line:column. Stored as a
 * tree of segments (no key string is built per path), so copying a subtree costs only its own size.
 */
export class SourceMap {
  private readonly root: Entry = { location: undefined, children: undefined };
  private count = 0;

  /** Records where the value at `path` was written (a later call for the same path wins). */
  set(path: TreePath, location: SourceLocation): void {
    const entry = this.ensure(path);
    if (entry.location === undefined) this.count++;
    entry.location = location;
  }

  /** The location recorded for exactly this path. */
  get(path: TreePath): SourceLocation | undefined {
    return this.lookup(path)?.location;
  }

  /** The location of this path, or of its nearest ancestor that has one. */
  find(path: TreePath): SourceLocation | undefined {
    let entry: Entry | undefined = this.root;
    let found = entry.location;
    for (const part of path) {
      entry = entry.children?.get(segment(part));
      if (entry === undefined) break;
      if (entry.location !== undefined) found = entry.location;
    }
    return found;
  }

  /** Copies every entry of `other` under `prefix` (later files override earlier ones). */
  absorb(other: SourceMap, prefix: TreePath = []): void {
    this.graft(this.ensure(prefix), other.root);
  }

  /** Copies the entries of `other` below `from` so that they sit below `to` here (e.g. an extended service). */
  absorbSubtree(other: SourceMap, from: TreePath, to: TreePath): void {
    const source = other.lookup(from);
    if (source !== undefined) this.graft(this.ensure(to), source);
  }

  /** Number of recorded paths. */
  get size(): number {
    return this.count;
  }

  private lookup(path: TreePath): Entry | undefined {
    let entry: Entry | undefined = this.root;
    for (const part of path) {
      entry = entry.children?.get(segment(part));
      if (entry === undefined) return undefined;
    }
    return entry;
  }

  private ensure(path: TreePath): Entry {
    let entry = this.root;
    for (const part of path) {
      const key = segment(part);
      entry.children ??= new Map();
      let child = entry.children.get(key);
      if (child === undefined) {
        child = { location: undefined, children: undefined };
        entry.children.set(key, child);
      }
      entry = child;
    }
    return entry;
  }

  private graft(target: Entry, source: Entry): void {
    if (source.location !== undefined) {
      if (target.location === undefined) this.count++;
      target.location = source.location;
    }
    if (source.children === undefined) return;
    target.children ??= new Map();
    for (const [key, child] of source.children) {
      let into = target.children.get(key);
      if (into === undefined) {
        into = { location: undefined, children: undefined };
        target.children.set(key, into);
      }
      this.graft(into, child);
    }
  }
}
