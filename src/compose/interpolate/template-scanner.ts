import type { EnvLookup } from "../host.js";
import { goQuote } from "./go-quote.js";

/** Why a template could not be expanded; the caller words it for its context. */
export type TemplateFailure =
  | { kind: "invalid"; template: string }
  | { kind: "required"; variable: string; reason: string }
  | { kind: "too-deep"; limit: number };

/** Thrown inside the scanner and caught by the public entry points, which turn it into a ComposeError. */
export class TemplateFailureSignal extends Error {
  constructor(readonly failure: TemplateFailure) {
    super(describeFailure(failure));
  }
}

/** The message Compose gives for a failure of `Substitute` (before any path is added). */
export function describeFailure(failure: TemplateFailure): string {
  switch (failure.kind) {
    case "invalid":
      return `Invalid template: ${goQuote(failure.template)}`;
    case "required":
      return failure.reason === ""
        ? `required variable ${failure.variable} is missing a value`
        : `required variable ${failure.variable} is missing a value: ${failure.reason}`;
    case "too-deep":
      return `interpolation nested more than ${failure.limit} levels deep`;
  }
}

/** Nested defaults deeper than this are refused (Compose has no limit; a JS stack has one). */
export const MAX_NESTING = 200;

/** What expansion reads from: the variables, and who hears about unset ones (Compose warns). */
export interface ExpandScope {
  lookup: EnvLookup;
  /** Called for each `$V` / `${V}` that is unset and has no default (lazily: only when evaluated). */
  onUnset?: (name: string) => void;
}

type Operator = ":-" | "-" | ":+" | "+" | ":?" | "?";

/**
 * Expands `${…}` / `$NAME` / `$$` in `template` with compose-go's exact semantics:
 * a braced expression with an operator runs to the last `}` of its line, is cut at the first
 * balanced `}`, and the text after that cut is expanded as a template of its own.
 * Throws TemplateFailureSignal on the first failure, left to right.
 */
export function expandTemplate(template: string, scope: ExpandScope, depth = 0): string {
  if (depth > MAX_NESTING) throw new TemplateFailureSignal({ kind: "too-deep", limit: MAX_NESTING });
  const n = template.length;
  let out = "";
  let i = 0;
  // The text an "Invalid template" error quotes: the whole template, or the tail compose-go
  // re-expands on its own after a braced expression with an operator.
  let contextStart = 0;
  let contextEnd = n;
  let lastBrace: Int32Array | undefined;

  while (i < n) {
    const p = template.indexOf("$", i);
    if (p < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, p);
    if (p >= contextEnd) {
      contextStart = 0;
      contextEnd = n;
    }
    const next = template[p + 1];
    if (next === "$") {
      out += "$";
      i = p + 2;
      continue;
    }
    if (next !== undefined && isNameStart(next)) {
      const end = nameEnd(template, p + 1);
      out += plainValue(template.slice(p + 1, end), scope);
      i = end;
      continue;
    }
    if (next !== "{") {
      out += "$";
      i = p + 1;
      continue;
    }
    const invalid = (): TemplateFailureSignal =>
      new TemplateFailureSignal({ kind: "invalid", template: template.slice(contextStart, contextEnd) });
    const first = template[p + 2];
    if (first === undefined || !isNameStart(first)) throw invalid();
    const nameStop = nameEnd(template, p + 2);
    const name = template.slice(p + 2, nameStop);
    if (template[nameStop] === "}") {
      out += plainValue(name, scope);
      i = nameStop + 1;
      continue;
    }
    const operator = operatorAt(template, nameStop);
    if (operator === undefined) throw invalid();
    const argStart = nameStop + operator.length;
    lastBrace ??= lastBraceOnLine(template);
    const matchEnd = argStart < n ? (lastBrace[argStart] ?? -1) : -1;
    if (matchEnd < 0) throw invalid();

    const closing = firstClosingBrace(template, p, matchEnd);
    const argEnd = closing < 0 ? matchEnd : closing;
    out += applyOperator({
      operator,
      name,
      arg: template.slice(argStart, argEnd),
      scope,
      depth,
    });
    if (closing >= 0 && closing < matchEnd) {
      contextStart = closing + 1;
      contextEnd = matchEnd + 1;
    }
    i = argEnd + 1;
  }
  return out;
}

function applyOperator(input: {
  operator: Operator;
  name: string;
  arg: string;
  scope: ExpandScope;
  depth: number;
}): string {
  const { operator, name, arg, scope, depth } = input;
  const value = scope.lookup(name);
  const nested = (): string => expandTemplate(arg, scope, depth + 1);
  switch (operator) {
    case ":-":
      return value === undefined || value === "" ? nested() : value;
    case "-":
      return value === undefined ? nested() : value;
    case ":+":
      return value !== undefined && value !== "" ? nested() : (value ?? "");
    case "+":
      return value !== undefined ? nested() : "";
    case ":?":
      if (value === undefined || value === "") {
        throw new TemplateFailureSignal({ kind: "required", variable: name, reason: nested() });
      }
      return value;
    case "?":
      if (value === undefined) {
        throw new TemplateFailureSignal({ kind: "required", variable: name, reason: nested() });
      }
      return value;
  }
}

function plainValue(name: string, scope: ExpandScope): string {
  const value = scope.lookup(name);
  if (value === undefined) scope.onUnset?.(name);
  return value ?? "";
}

function isNameStart(char: string): boolean {
  return char === "_" || (char >= "a" && char <= "z") || (char >= "A" && char <= "Z");
}

function isNameChar(char: string): boolean {
  return isNameStart(char) || (char >= "0" && char <= "9");
}

function nameEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isNameChar(text[end] ?? "")) end++;
  return end;
}

function operatorAt(text: string, index: number): Operator | undefined {
  const char = text[index];
  if (char === "-" || char === "+" || char === "?") return char;
  if (char !== ":") return undefined;
  const second = text[index + 1];
  if (second === "-") return ":-";
  if (second === "+") return ":+";
  if (second === "?") return ":?";
  return undefined;
}

/** For each index, the last `}` at or after it on the same line (-1 when none). */
function lastBraceOnLine(text: string): Int32Array {
  const result = new Int32Array(text.length);
  let last = -1;
  for (let k = text.length - 1; k >= 0; k--) {
    const char = text[k];
    if (char === "\n") last = -1;
    else if (char === "}" && last < 0) last = k;
    result[k] = char === "\n" ? -1 : last;
  }
  return result;
}

/**
 * compose-go's brace matcher over text[start..end]: `{` opens and hides the character after it,
 * `}` closes; the first `}` that brings the count back to zero ends the expression (-1: none).
 */
function firstClosingBrace(text: string, start: number, end: number): number {
  let open = 0;
  for (let k = start; k <= end; k++) {
    const char = text[k];
    if (char === "}") {
      open--;
      if (open === 0) return k;
    } else if (char === "{") {
      open++;
      k++;
    }
  }
  return -1;
}
