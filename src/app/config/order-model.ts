import { type Shape, structs } from "./model-shape.js";
import { OrderedMap, type OrderedValue } from "./ordered.js";
import { compareYamlKeys } from "./yaml-key-order.js";

/** Which output the order is for: YAML and JSON sort maps differently and JSON drops nested extensions. */
export type ModelFormat = "yaml" | "json";

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Lays a project (plain JSON data) out in Docker Compose's key order for `format`. */
export function orderProject(project: unknown, format: ModelFormat): OrderedValue {
  if (!isRecord(project)) return toOrdered(project, undefined, format);
  if (format === "json") {
    // compose-go renders the project for JSON as a plain map: every top-level key sorted.
    const keys = Object.keys(project).sort(byCodePoint);
    const children = structs.project?.children ?? {};
    return new OrderedMap(keys.map((k) => [k, toOrdered(project[k], children[k], format)] as const));
  }
  return toOrdered(project, { struct: "project" }, format);
}

function toOrdered(value: unknown, shape: Shape | undefined, format: ModelFormat): OrderedValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  if (Array.isArray(value)) {
    const item = shape !== undefined && "listOf" in shape ? shape.listOf : undefined;
    return value.map((v) => toOrdered(v, item, format));
  }
  if (!isRecord(value)) return String(value);
  if (shape !== undefined && "struct" in shape) return orderStruct(value, shape.struct, format);
  const item = shape !== undefined && "mapOf" in shape ? shape.mapOf : undefined;
  const compare = format === "yaml" ? compareYamlKeys : byCodePoint;
  const keys = Object.keys(value).sort(compare);
  return new OrderedMap(keys.map((k) => [k, toOrdered(value[k], item, format)] as const));
}

function orderStruct(value: Record<string, unknown>, name: string, format: ModelFormat): OrderedValue {
  const struct = structs[name];
  const fields = struct?.fields ?? [];
  const known = fields.filter((f) => Object.hasOwn(value, f) && value[f] !== undefined);
  const compare = format === "yaml" ? compareYamlKeys : byCodePoint;
  // Keys outside the struct are extensions (`x-…`): YAML prints them after the fields; JSON drops them.
  const extra = Object.keys(value)
    .filter((k) => !fields.includes(k) && value[k] !== undefined)
    .filter((k) => format === "yaml" || !k.startsWith("x-"))
    .sort(compare);
  const entries = [...known, ...extra].map(
    (k) => [k, toOrdered(value[k], struct?.children?.[k], format)] as const,
  );
  return new OrderedMap(entries);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
