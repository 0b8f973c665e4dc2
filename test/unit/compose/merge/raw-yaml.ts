import { isMap, isScalar, isSeq, type Node, parse, parseDocument } from "yaml";
import { type RawMap, type RawValue, TaggedValue } from "../../../../src/compose/tree.js";

function toRaw(node: unknown): RawValue {
  if (isMap(node)) {
    const out: RawMap = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toRaw(pair.value);
    }
    return wrap(node, out);
  }
  if (isSeq(node)) return wrap(node, node.items.map(toRaw));
  if (isScalar(node)) {
    // An unknown tag makes `yaml` keep a plain scalar as a string: resolve its text as untagged YAML.
    if ((node.tag === "!reset" || node.tag === "!override") && node.type === "PLAIN") {
      return wrap(node, parse(node.source || "null") as RawValue);
    }
    if (node.tag === "!reset" || node.tag === "!override") return wrap(node, node.value as RawValue);
    return node.value as RawValue;
  }
  return null;
}

function wrap(node: Node, value: RawValue): RawValue {
  return node.tag === "!reset" || node.tag === "!override" ? new TaggedValue(node.tag, value) : value;
}

/** Test helper: YAML text to a raw tree, keeping `!reset` / `!override` as `TaggedValue`s. */
export function rawYaml(text: string): RawValue {
  return toRaw(parseDocument(text).contents);
}
