/**
 * A table of tree-path patterns compiled into a trie, so that a walk over a tree finds the pattern of
 * every node by one step per path segment instead of matching every pattern against a fresh path array.
 * Segments: a literal key, `*` (any key or list index) or `[]` (any list index).
 */
export interface PathTrie<T> {
  /** The value of the first pattern (in table order) that ends exactly here. */
  readonly value: T | undefined;
  /** Where a string segment leads (literal children with the `*` child merged in). */
  readonly keys: ReadonlyMap<string, PathTrie<T>>;
  /** Where a string segment without a literal child leads (`*`). */
  readonly otherKey: PathTrie<T> | undefined;
  /** Where a list index leads (`[]` and `*`). */
  readonly index: PathTrie<T> | undefined;
}

interface Draft<T> {
  value: { item: T; rank: number } | undefined;
  keys: Map<string, Draft<T>>;
  any: Draft<T> | undefined;
  index: Draft<T> | undefined;
}

const emptyDraft = <T>(): Draft<T> => ({
  value: undefined,
  keys: new Map(),
  any: undefined,
  index: undefined,
});

function union<T>(a: Draft<T> | undefined, b: Draft<T> | undefined): Draft<T> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out = emptyDraft<T>();
  out.value =
    a.value === undefined || (b.value !== undefined && b.value.rank < a.value.rank) ? b.value : a.value;
  for (const key of new Set([...a.keys.keys(), ...b.keys.keys()])) {
    const merged = union(a.keys.get(key), b.keys.get(key));
    if (merged !== undefined) out.keys.set(key, merged);
  }
  out.any = union(a.any, b.any);
  out.index = union(a.index, b.index);
  return out;
}

function finish<T>(draft: Draft<T> | undefined): PathTrie<T> | undefined {
  if (draft === undefined) return undefined;
  const keys = new Map<string, PathTrie<T>>();
  for (const [key, child] of draft.keys) {
    const done = finish(union(child, draft.any));
    if (done !== undefined) keys.set(key, done);
  }
  return {
    value: draft.value?.item,
    keys,
    otherKey: finish(draft.any),
    index: finish(union(draft.index, draft.any)),
  };
}

/** Compiles `[pattern segments, value]` pairs; where patterns overlap, the earlier one wins. */
export function compilePathTrie<T>(table: readonly (readonly [readonly string[], T])[]): PathTrie<T> {
  const root = emptyDraft<T>();
  table.forEach(([pattern, item], rank) => {
    let node = root;
    for (const segment of pattern) {
      if (segment === "*") node = node.any ??= emptyDraft();
      else if (segment === "[]") node = node.index ??= emptyDraft();
      else {
        let next = node.keys.get(segment);
        if (next === undefined) {
          next = emptyDraft();
          node.keys.set(segment, next);
        }
        node = next;
      }
    }
    node.value ??= { item, rank };
  });
  return finish(root) as PathTrie<T>;
}

/** The node one segment below `node` (undefined: no pattern continues there). */
export function stepTrie<T>(node: PathTrie<T> | undefined, part: string | number): PathTrie<T> | undefined {
  if (node === undefined) return undefined;
  if (typeof part === "number") return node.index;
  return node.keys.get(part) ?? node.otherKey;
}

/** The node reached from `root` along `path`. */
export function walkTrie<T>(root: PathTrie<T>, path: readonly (string | number)[]): PathTrie<T> | undefined {
  let node: PathTrie<T> | undefined = root;
  for (const part of path) {
    node = stepTrie(node, part);
    if (node === undefined) return undefined;
  }
  return node;
}
