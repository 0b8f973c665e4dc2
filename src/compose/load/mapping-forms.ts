import { isRawMap, type RawMap, type RawValue } from "../tree.js";

/** Service attributes written as a `KEY=value` list or a mapping; the model always holds a mapping. */
const SERVICE_MAPPINGS = ["environment", "labels", "annotations", "sysctls"];
const BUILD_MAPPINGS = ["args", "labels"];

/** `[A=1, B]` → `{A: "1", B: null}`; mappings are returned unchanged. */
export function listToMapping(value: RawValue | undefined): RawValue | undefined {
  if (!Array.isArray(value)) return value;
  const out: RawMap = {};
  for (const entry of value) {
    if (typeof entry !== "string" && typeof entry !== "number") continue;
    const text = String(entry);
    const equals = text.indexOf("=");
    if (equals < 0) out[text] = null;
    else out[text.slice(0, equals)] = text.slice(equals + 1);
  }
  return out;
}

/**
 * For `--no-normalize`: no defaults and no long syntax, but list-or-map attributes still come out as
 * mappings, as Compose's typed model prints them.
 */
export function canonicalMappings(tree: RawMap): RawMap {
  if (!isRawMap(tree.services)) return tree;
  const services: RawMap = {};
  for (const [name, service] of Object.entries(tree.services)) {
    if (!isRawMap(service)) {
      services[name] = service;
      continue;
    }
    const copy: RawMap = { ...service };
    for (const key of SERVICE_MAPPINGS) {
      if (copy[key] !== undefined) copy[key] = listToMapping(copy[key]) ?? null;
    }
    if (isRawMap(copy.build)) {
      const build: RawMap = { ...copy.build };
      for (const key of BUILD_MAPPINGS)
        if (build[key] !== undefined) build[key] = listToMapping(build[key]) ?? null;
      copy.build = build;
    }
    services[name] = copy;
  }
  return { ...tree, services };
}
