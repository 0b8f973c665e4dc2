/** A YAML value tagged `!reset` or `!override`; merge consumes the tag, later stages never see it. */
export class TaggedValue {
  constructor(
    readonly tag: "!reset" | "!override",
    readonly value: RawValue,
  ) {}
}

/** A mapping in a raw (not yet validated) compose tree. */
export interface RawMap {
  [key: string]: RawValue;
}

/** A value of a raw compose tree as parsed from YAML: plain data plus tags. */
export type RawValue = null | boolean | number | string | RawValue[] | RawMap | TaggedValue;

/** Where a value sits in a compose tree: keys and list indexes from the root. */
export type TreePath = readonly (string | number)[];

/** True for a plain mapping (not a list, not a tagged value). */
export function isRawMap(value: RawValue | undefined): value is RawMap {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof TaggedValue)
  );
}

/** Renders a path the way users read it: `services.web.ports[0]`. */
export function formatPath(path: TreePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

/** A string key for maps indexed by path (keys may themselves contain dots). */
export function pathKey(path: TreePath): string {
  return path.join("\u0000");
}

/** Sets `map[key]` as an own entry, safely also for `__proto__` (plain assignment elsewhere: it is fast). */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__")
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** A deep copy of a tag-free tree (plain maps, lists and scalars): every map and list is new. */
export function cloneTree(value: RawValue): RawValue {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: RawValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneTree(value[i] as RawValue);
    return out;
  }
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, cloneTree(value.value));
  const out: RawMap = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    setOwn(out, key, cloneTree(value[key] as RawValue));
  }
  return out;
}
