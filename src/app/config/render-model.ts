import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { OrderedMap, type OrderedValue } from "./ordered.js";

/** YAML as Docker Compose prints it: 2-space indent (or `indent`), indented sequences, no line folding. */
export function renderYaml(value: OrderedValue, indent = 2): string {
  const doc = new Document();
  doc.contents = toNode(value);
  return doc.toString({ indent, indentSeq: true, lineWidth: 0, minContentWidth: 0 });
}

function toNode(value: OrderedValue): Scalar | YAMLMap | YAMLSeq {
  if (value instanceof OrderedMap) {
    const map = new YAMLMap();
    for (const [key, item] of value.entries) map.items.push(new Pair(toNode(key), toNode(item)));
    return map;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(toNode(item));
    return seq;
  }
  const scalar = new Scalar(value);
  if (typeof value === "string" && needsQuotes(value)) scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

// Go's encoder also quotes what YAML 1.1 would read as a boolean or a base-60 number.
const oldBool = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const base60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function needsQuotes(text: string): boolean {
  return oldBool.test(text) || base60.test(text);
}

/** JSON as Go's encoder writes it: `indent` spaces, `<`, `>` and `&` escaped, no trailing newline. */
export function renderJson(value: OrderedValue, indent = 2): string {
  return write(value, "", " ".repeat(indent));
}

function write(value: OrderedValue, pad: string, step: string): string {
  if (value instanceof OrderedMap) {
    if (value.entries.length === 0) return "{}";
    const inner = pad + step;
    const lines = value.entries.map(([k, v]) => `${inner}${quote(k)}: ${write(v, inner, step)}`);
    return `{\n${lines.join(",\n")}\n${pad}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = pad + step;
    return `[\n${value.map((v) => inner + write(v, inner, step)).join(",\n")}\n${pad}]`;
  }
  if (typeof value === "string") return quote(value);
  return JSON.stringify(value);
}

function quote(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
