import { UsageError } from "../../shared/errors.js";
import { parseTemplate, type TemplateNode, type Token } from "./template-parse.js";

/** A value a template can reach: plain data, or a method taking string arguments (`.Label "k"`). */
export type TemplateValue = unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Prints a value as Go's text/template does: maps as map[k:v], lists as [a b], nothing as <no value>. */
export function goString(value: unknown): string {
  if (value === undefined) return "<no value>";
  if (value === null) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(goString).join(" ")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((key) => `${key}:${goString(value[key])}`).join(" ")}]`;
  }
  return String(value);
}

const functions: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  json: (value) => JSON.stringify(value ?? null),
  index: (value, ...keys) => {
    let current = value;
    for (const key of keys) {
      if (Array.isArray(current) && typeof key === "number") current = current[key];
      else if (isRecord(current)) current = current[String(key)];
      else return undefined;
    }
    return current;
  },
  join: (value, separator) => (Array.isArray(value) ? value.map(goString).join(String(separator)) : ""),
  split: (value, separator) => String(value).split(String(separator)),
  upper: (value) => goString(value).toUpperCase(),
  lower: (value) => goString(value).toLowerCase(),
  title: (value) => goString(value).replace(/\b\w/g, (c) => c.toUpperCase()),
  len: (value) =>
    Array.isArray(value) || typeof value === "string"
      ? value.length
      : isRecord(value)
        ? Object.keys(value).length
        : 0,
  println: (...values) => `${values.map(goString).join(" ")}\n`,
  truncate: (value, n) => [...goString(value)].slice(0, Number(n)).join(""),
  pad: (value, left, right) => `${" ".repeat(Number(left))}${goString(value)}${" ".repeat(Number(right))}`,
};

function field(dot: unknown, path: string[], args: unknown[]): unknown {
  let current = dot;
  for (const [index, name] of path.entries()) {
    if (!isRecord(current)) return undefined;
    const next = current[name];
    if (typeof next === "function") {
      const callArgs = index === path.length - 1 ? args : [];
      current = (next as (...a: unknown[]) => unknown).apply(current, callArgs);
    } else {
      current = next;
    }
  }
  return current;
}

function tokenValue(token: Token, dot: unknown): unknown {
  switch (token.kind) {
    case "field":
      return field(dot, token.path, []);
    case "string":
    case "number":
      return token.value;
    case "ident":
      if (token.name === "true" || token.name === "false") return token.name === "true";
      if (token.name === "nil") return null;
      throw new UsageError(`template: function "${token.name}" needs to be the first word of a command`);
    default:
      return undefined;
  }
}

function runCommand(command: Token[], dot: unknown, piped: unknown[]): unknown {
  const [head, ...rest] = command;
  if (head === undefined) throw new UsageError("template: empty command");
  const args = [...rest.map((token) => tokenValue(token, dot)), ...piped];
  if (head.kind === "ident" && !["true", "false", "nil"].includes(head.name)) {
    const fn = functions[head.name];
    if (fn === undefined) throw new UsageError(`template: function "${head.name}" not defined`);
    return fn(...args);
  }
  if (head.kind === "field") return field(dot, head.path, args);
  if (args.length > 0) throw new UsageError("template: can't give arguments to a non-function");
  return tokenValue(head, dot);
}

function evaluate(pipeline: Token[][], dot: unknown): unknown {
  let result: unknown;
  pipeline.forEach((command, index) => {
    result = runCommand(command, dot, index === 0 ? [] : [result]);
  });
  return result;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== "";
}

function execute(nodes: TemplateNode[], dot: unknown): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") out += node.text;
    else if (node.kind === "value") out += goString(evaluate(node.pipeline, dot));
    else if (node.kind === "if") {
      out += execute(truthy(evaluate(node.pipeline, dot)) ? node.body : node.otherwise, dot);
    } else {
      const value = evaluate(node.pipeline, dot);
      const items = Array.isArray(value)
        ? value
        : isRecord(value)
          ? Object.keys(value)
              .sort()
              .map((key) => value[key])
          : [];
      out +=
        items.length === 0
          ? execute(node.otherwise, dot)
          : items.map((item) => execute(node.body, item)).join("");
    }
  }
  return out;
}

/** A compiled template: render it against one value. */
export interface Template {
  render(dot: unknown): string;
}

/** Compiles a Go-template subset (fields, pipes, json/index/join/upper/lower/len/println, if, range). */
export function compileTemplate(source: string): Template {
  const nodes = parseTemplate(source);
  return { render: (dot) => execute(nodes, dot) };
}

/** A `--format` value as Docker reads it: `table …` or plain, with `\t` and `\n` turned into tabs/newlines. */
export function splitFormat(format: string): { table: boolean; body: string } {
  const table = format.startsWith("table");
  const body = (table ? format.slice("table".length) : format)
    .trim()
    .replaceAll("\\t", "\t")
    .replaceAll("\\n", "\n");
  return { table, body };
}
