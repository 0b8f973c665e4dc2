import { type RawMap, type RawValue, setOwn } from "../tree.js";

/** True when `map` has `key` as its own entry (never an inherited one such as `constructor`). */
export function hasKey(map: RawMap, key: string): boolean {
  return Object.hasOwn(map, key);
}

/** Sets `map[key]`, safely also for keys such as `__proto__`. */
export function setKey(map: RawMap, key: string, value: RawValue): void {
  setOwn(map, key, value);
}

/** Reads an own entry of `map`, or `undefined`. */
export function getKey(map: RawMap, key: string): RawValue | undefined {
  return hasKey(map, key) ? map[key] : undefined;
}
