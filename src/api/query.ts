import { z } from "zod";
import { BerthError } from "../shared/errors.js";

/** Filters as Docker takes them: a key (label, name, status, …) to the values any of which may match. */
export type Filters = Record<string, string[]>;

const falseWords = new Set(["", "0", "no", "false", "none"]);

/** A boolean query parameter read as Docker reads it (absent, "", 0, no, false, none → false). */
export const boolParam = z
  .string()
  .optional()
  .transform((value) => value !== undefined && !falseWords.has(value.trim().toLowerCase()));

/** An optional integer query parameter. */
export const intParam = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === "") return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed)) {
      ctx.addIssue({ code: "custom", message: `invalid integer value "${value}"` });
      return z.NEVER;
    }
    return parsed;
  });

/** An optional text query parameter ("" counts as absent). */
export const textParam = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value));

/** A Unix time in seconds, maybe fractional (`1700000000`, `1700000000.5`, `1700000000.000000001`). */
export const timeParam = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "" || value === "0") return undefined;
    if (!/^-?\d+(\.\d{1,9})?$/.test(value)) {
      ctx.addIssue({ code: "custom", message: `invalid Unix timestamp "${value}"` });
      return z.NEVER;
    }
    return Number(value);
  });

/** Parses Docker's JSON filters: the map form `{"label":{"a=b":true}}` or the legacy `{"label":["a=b"]}`. */
export function parseFilters(text: string | undefined): Filters {
  if (text === undefined || text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new BerthError("INVALID_ARGUMENT", `invalid filters: ${text}`, { cause });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BerthError("INVALID_ARGUMENT", `invalid filters: ${text}`);
  }
  const filters: Filters = {};
  for (const [key, raw] of Object.entries(parsed).sort(([a], [b]) => a.localeCompare(b))) {
    if (Array.isArray(raw) && raw.every((v) => typeof v === "string")) {
      filters[key] = [...raw];
    } else if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
      filters[key] = Object.entries(raw)
        .filter(([, on]) => on === true)
        .map(([value]) => value);
    } else {
      throw new BerthError("INVALID_ARGUMENT", `invalid filter "${key}": ${JSON.stringify(raw)}`);
    }
  }
  return filters;
}

/** Encodes filters in the map form Docker ≥ 1.22 takes, with keys and values sorted. */
export function encodeFilters(filters: Filters): string {
  const out: Record<string, Record<string, boolean>> = {};
  for (const key of Object.keys(filters).sort()) {
    const values = filters[key] ?? [];
    if (values.length === 0) continue;
    out[key] = Object.fromEntries([...values].sort().map((value) => [value, true]));
  }
  return JSON.stringify(out);
}

/** The `filters` query parameter, parsed. */
export const filtersParam = z
  .string()
  .optional()
  .transform((value, ctx) => {
    try {
      return parseFilters(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });

function isList(value: QueryValue): value is readonly string[] {
  return Array.isArray(value);
}

/** Reads query parameters into a schema's output; a failure is an INVALID_ARGUMENT BerthError. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in raw)) raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new BerthError("INVALID_ARGUMENT", `invalid query parameter ${where}${issue?.message ?? ""}`);
}

/** Values a client may put in a query string; a list is a parameter repeated once per entry, in order. */
export type QueryValue = string | number | boolean | readonly string[] | Filters | undefined;

/**
 * Builds a query string (`?a=1&b=x`, or "" when empty): keys sorted, booleans as 1/0, filters
 * JSON-encoded, lists as repeated parameters in their own order (`changes=A&changes=B`; none when empty).
 */
export function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined) continue;
    if (typeof value === "boolean") params.set(key, value ? "1" : "0");
    else if (isList(value)) for (const entry of value) params.append(key, entry);
    else if (typeof value === "object") params.set(key, encodeFilters(value));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
