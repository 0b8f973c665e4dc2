import type { Filters } from "../../api/index.js";
import { BerthError } from "../../shared/errors.js";

/** What a filter looks at for one volume. */
export interface VolumeFacts {
  name: string;
  driver: string;
  labels: Readonly<Record<string, string>>;
  /** No container (running or not) uses it. */
  dangling: boolean;
  anonymous: boolean;
}

const LIST_KEYS = new Set(["dangling", "driver", "label", "name"]);
const PRUNE_KEYS = new Set(["label", "label!", "all"]);

function checkKeys(filters: Filters, allowed: ReadonlySet<string>): void {
  const bad = Object.keys(filters)
    .filter((key) => !allowed.has(key))
    .sort();
  if (bad.length > 0) throw new BerthError("INVALID_ARGUMENT", `invalid filter '${bad[0]}'`);
}

function boolFilter(key: string, values: readonly string[]): boolean | undefined {
  if (values.length === 0) return undefined;
  const parsed = values.map((value) => {
    const v = value.toLowerCase();
    if (v === "true" || v === "1") return true;
    if (v === "false" || v === "0") return false;
    throw new BerthError("INVALID_ARGUMENT", `invalid filter '${key}=${value}'`);
  });
  return parsed[parsed.length - 1];
}

/** `key` or `key=value` against labels (Docker's label filter). */
export function labelMatches(labels: Readonly<Record<string, string>>, filter: string): boolean {
  const eq = filter.indexOf("=");
  if (eq < 0) return filter in labels;
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

function nameMatches(name: string, pattern: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return name.includes(pattern);
  }
}

/** Throws 400 for a filter GET /volumes does not know (dangling, driver, label, name). */
export function checkListFilters(filters: Filters): void {
  checkKeys(filters, LIST_KEYS);
  boolFilter("dangling", filters.dangling ?? []);
}

/** GET /volumes filters: each key must match (any of its values; every label). Pure. */
export function matchesListFilters(volume: VolumeFacts, filters: Filters): boolean {
  const dangling = boolFilter("dangling", filters.dangling ?? []);
  if (dangling !== undefined && volume.dangling !== dangling) return false;
  const drivers = filters.driver ?? [];
  if (drivers.length > 0 && !drivers.includes(volume.driver)) return false;
  const names = filters.name ?? [];
  if (names.length > 0 && !names.some((pattern) => nameMatches(volume.name, pattern))) return false;
  return (filters.label ?? []).every((label) => labelMatches(volume.labels, label));
}

/** Throws 400 for a filter POST /volumes/prune does not know (label, label!, all). */
export function checkPruneFilters(filters: Filters): void {
  checkKeys(filters, PRUNE_KEYS);
  boolFilter("all", filters.all ?? []);
}

/**
 * POST /volumes/prune: unused volumes only; anonymous ones unless `all=true`; every `label` must match and
 * no `label!`. Pure.
 */
export function selectedForPrune(volume: VolumeFacts, filters: Filters): boolean {
  if (!volume.dangling) return false;
  const all = boolFilter("all", filters.all ?? []) ?? false;
  if (!all && !volume.anonymous) return false;
  if (!(filters.label ?? []).every((label) => labelMatches(volume.labels, label))) return false;
  return !(filters["label!"] ?? []).some((label) => labelMatches(volume.labels, label));
}
