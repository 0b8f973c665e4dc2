import { type ComposeIssue, issueAt } from "../errors.js";
import type { SourceMap } from "../source-map.js";
import { isRawMap, type RawMap, type RawValue, TaggedValue, type TreePath } from "../tree.js";

/** Collects the problems found while normalising, so all are reported at once. */
export class IssueCollector {
  readonly issues: ComposeIssue[] = [];

  constructor(private readonly sources?: SourceMap) {}

  /** Records a problem at `path`. */
  add(path: TreePath, message: string): void {
    this.issues.push(issueAt(path, message, this.sources));
  }
}

/** Drops a leftover `!reset`/`!override` tag (merge normally consumed them). */
export function untag(value: RawValue | undefined): RawValue | undefined {
  return value instanceof TaggedValue ? value.value : value;
}

/** The value as a mapping, or an empty one. */
export function asMap(value: RawValue | undefined): RawMap {
  const v = untag(value);
  return isRawMap(v) ? v : {};
}

/** The value as a list; a lone scalar becomes a one-element list, null/undefined an empty one. */
export function asList(value: RawValue | undefined): RawValue[] {
  const v = untag(value);
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Renders a scalar the way Go's fmt.Sprint does for YAML scalars. */
export function scalarText(value: RawValue | undefined): string {
  const v = untag(value);
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** A string list from a string or list of scalars. */
export function stringList(value: RawValue | undefined): string[] {
  return asList(value).map((e) => scalarText(e));
}

/** Deep copy of plain data (tags dropped). */
export function plain(value: RawValue | undefined): unknown {
  const v = untag(value);
  if (Array.isArray(v)) return v.map((e) => plain(e));
  if (isRawMap(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) out[key] = plain(v[key]);
    return out;
  }
  return v;
}

/** Copies the `x-*` keys of `from` onto `to`, sorted. */
export function copyExtensions(from: RawMap, to: Record<string, unknown>): void {
  for (const key of Object.keys(from).sort()) {
    if (key.startsWith("x-")) to[key] = plain(from[key]);
  }
}

const ranks = new WeakMap<readonly string[], Map<string, number>>();

function rankOf(order: readonly string[]): Map<string, number> {
  let rank = ranks.get(order);
  if (rank === undefined) {
    rank = new Map();
    for (const key of order) if (!rank.has(key)) rank.set(key, rank.size);
    ranks.set(order, rank);
  }
  return rank;
}

/** Builds an object with keys in `order`, then unknown keys sorted, skipping undefined values. */
export function ordered<T>(fields: Record<string, unknown>, order: readonly string[]): T {
  const rank = rankOf(order);
  const known: string[] = [];
  const unknown: string[] = [];
  for (const key of Object.keys(fields)) {
    if (fields[key] === undefined) continue;
    if (rank.has(key)) known.push(key);
    else unknown.push(key);
  }
  known.sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
  const out: Record<string, unknown> = {};
  for (const key of known) out[key] = fields[key];
  for (const key of unknown.sort()) if (!(key in out)) out[key] = fields[key];
  return out as T;
}

/** A number from a number or numeric string, else undefined. */
export function toNumber(value: RawValue | undefined): number | undefined {
  const v = untag(value);
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A map of strings from a mapping (values stringified, null → "") or a `KEY=VALUE` list. */
export function stringMap(value: RawValue | undefined, separator = "="): Record<string, string> {
  const v = untag(value);
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const entry of v) {
      const text = scalarText(entry);
      const at = text.indexOf(separator);
      if (at < 0) out[text] = "";
      else out[text.slice(0, at)] = text.slice(at + separator.length);
    }
  } else if (isRawMap(v)) {
    for (const key of Object.keys(v)) out[key] = scalarText(v[key]);
  }
  return sortKeys(out);
}

/** The same record with keys sorted (Go prints maps sorted). */
export function sortKeys<V>(record: Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as V;
  return out;
}
