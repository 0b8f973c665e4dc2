import type { SpecialNode } from "./special-files.js";

/** Owner, mode and time to give a path once everything under it is written. */
export interface PathMeta {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

/** Work kept until the end of an unpack, keyed by relative path, dropped when its path is replaced. */
export class DeferredWork {
  /** Directories whose metadata is applied last (writing children changes their mtime). */
  readonly dirs = new Map<string, PathMeta>();
  /** Whiteouts and FIFOs, made in one batch. */
  readonly nodes = new Map<string, { kind: SpecialNode["kind"]; meta: PathMeta }>();
  /** Xattrs from the tar (best effort), per path. */
  readonly xattrs = new Map<string, Map<string, Buffer>>();
  /** Directories marked opaque (required). */
  readonly opaque = new Set<string>();

  /** Forgets everything at `rel` and below (the path is being replaced). */
  forget(rel: string): void {
    const below = `${rel}/`;
    const hit = (key: string) => rel === "" || key === rel || key.startsWith(below);
    for (const map of [this.dirs, this.nodes, this.xattrs]) {
      for (const key of [...map.keys()]) if (hit(key)) map.delete(key);
    }
    for (const key of [...this.opaque]) if (hit(key)) this.opaque.delete(key);
  }
}

/** Sorted keys, deepest first, so children are finished before their parents. */
export function deepestFirst(keys: Iterable<string>): string[] {
  const depth = (key: string) => (key === "" ? 0 : key.split("/").length);
  return [...keys].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : a > b ? 1 : 0));
}
