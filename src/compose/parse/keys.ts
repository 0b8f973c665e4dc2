import { type Alias, isAlias, isMap, isScalar, type ParsedNode, Scalar } from "yaml";
import { classifyTag } from "./tags.js";

/** What a mapping key turned out to be: a `<<` merge key, a string key, or a problem. */
export type KeyResult = { merge: true } | { key: string } | { error: string } | { skip: true };

const MERGE_TAG = "tag:yaml.org,2002:merge";

/**
 * Reads a mapping key as a string. Scalar keys keep their text as written (as yaml.v3 does when
 * it decodes a key into a string), so `1`, `true` and `0x1F` become "1", "true" and "0x1F".
 */
export function keyOf(node: ParsedNode | null, targets: ReadonlyMap<Alias.Parsed, ParsedNode>): KeyResult {
  if (node === null) return { key: "" };
  if (isScalar(node)) {
    if (
      node.type === Scalar.PLAIN &&
      node.value === "<<" &&
      (node.tag === undefined || node.tag === MERGE_TAG)
    ) {
      return { merge: true };
    }
    const tag = classifyTag(node.tag);
    if (tag.kind === "compose") return { error: `${tag.tag} cannot be used on a mapping key` };
    return { key: String(node.value) };
  }
  if (isAlias(node)) {
    const target = targets.get(node);
    if (target === undefined) return { skip: true };
    if (isScalar(target)) return { key: String(target.value) };
    return { error: `mapping keys must be scalars, but alias *${node.source} refers to a collection` };
  }
  return { error: `mapping keys must be scalars, not a ${isMap(node) ? "mapping" : "sequence"}` };
}

/** True when a key result names a plain string key. */
export function isStringKey(result: KeyResult): result is { key: string } {
  return "key" in result;
}
