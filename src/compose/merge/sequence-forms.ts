import { isRawMap, type RawMap, type RawValue } from "../tree.js";
import { setKey } from "./raw-map.js";

/** The key of a `KEY=value` list item (the whole string when it has no `=`); `undefined` for non-strings. */
export function entryKey(item: RawValue): string | undefined {
  if (typeof item !== "string") return undefined;
  const eq = item.indexOf("=");
  return eq < 0 ? item : item.slice(0, eq);
}

/** Renders a scalar the way compose-go's `%v` does for the values YAML gives (strings, numbers, booleans). */
export function formatScalar(value: RawValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function byCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The list form of a list-or-map attribute: a map becomes sorted `KEY=value` items (`KEY` alone for a
 * null value, one item per element for a list value); a list is kept; a scalar becomes a one-item list;
 * null becomes an empty list.
 */
export function toSequence(value: RawValue): RawValue[] {
  if (Array.isArray(value)) return value;
  if (value === null) return [];
  if (!isRawMap(value)) return [value];
  const items: string[] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null) items.push(key);
    else if (Array.isArray(entry)) for (const each of entry) items.push(`${key}=${formatScalar(each)}`);
    else items.push(`${key}=${formatScalar(entry)}`);
  }
  return items.sort(byCodeUnits);
}

/**
 * The map form of a list-or-map attribute: list items (names) become keys holding a copy of
 * `defaults` (null when none); a map is kept. `undefined` for anything else.
 */
export function toMapping(value: RawValue, defaults: RawMap | null): RawMap | undefined {
  if (isRawMap(value)) return value;
  if (value === null) return {};
  if (!Array.isArray(value)) return undefined;
  const out: RawMap = {};
  for (const item of value) {
    if (typeof item !== "string" && typeof item !== "number") return undefined;
    setKey(out, String(item), defaults === null ? null : { ...defaults });
  }
  return out;
}
