import { pathKey, type TreePath } from "./tree.js";

/** A position in a source file; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Maps tree paths to where their value was written, so errors can name file:line:column. */
export class SourceMap {
  private readonly entries = new Map<string, SourceLocation>();

  /** Records where the value at `path` was written (a later call for the same path wins). */
  set(path: TreePath, location: SourceLocation): void {
    this.entries.set(pathKey(path), location);
  }

  /** The location recorded for exactly this path. */
  get(path: TreePath): SourceLocation | undefined {
    return this.entries.get(pathKey(path));
  }

  /** The location of this path, or of its nearest ancestor that has one. */
  find(path: TreePath): SourceLocation | undefined {
    for (let end = path.length; end >= 0; end--) {
      const found = this.entries.get(pathKey(path.slice(0, end)));
      if (found) return found;
    }
    return undefined;
  }

  /** Copies every entry of `other` under `prefix` (later files override earlier ones). */
  absorb(other: SourceMap, prefix: TreePath = []): void {
    for (const [key, location] of other.entries) {
      const full =
        prefix.length === 0 ? key : key === "" ? pathKey(prefix) : `${pathKey(prefix)}\u0000${key}`;
      this.entries.set(full, location);
    }
  }

  /** Copies the entries of `other` below `from` so that they sit below `to` here (e.g. an extended service). */
  absorbSubtree(other: SourceMap, from: TreePath, to: TreePath): void {
    const fromKey = pathKey(from);
    const toKey = pathKey(to);
    for (const [key, location] of other.entries) {
      if (key === fromKey) this.entries.set(toKey, location);
      else if (key.startsWith(`${fromKey}\u0000`))
        this.entries.set(toKey + key.slice(fromKey.length), location);
    }
  }

  /** Number of recorded paths. */
  get size(): number {
    return this.entries.size;
  }
}
