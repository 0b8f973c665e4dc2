import { ComposeError } from "../errors.js";
import type { EnvLookup } from "../host.js";
import { goQuote } from "../interpolate/go-quote.js";
import { describeFailure, expandTemplate, TemplateFailureSignal } from "../interpolate/template-scanner.js";
import { isInlineSpace, isKeyChar, isUnicodeSpace, trimEndSpace } from "./characters.js";
import { expandEscapes } from "./escapes.js";

/** Options of `parseDotenv`. */
export interface ParseDotenvOptions {
  /** Names the file in errors. */
  file: string;
  /** Resolves bare `KEY` lines and `${VAR}` references (it wins over keys set earlier in the file). */
  lookup?: EnvLookup;
  /** Resolves `${VAR}` references found neither by `lookup` nor among the keys set earlier in the file. */
  fallback?: EnvLookup;
}

/**
 * Parses a `.env` file as Compose does: comments, `export `, `KEY=value` / `KEY: value`, single,
 * double (escapes, expansion) and unquoted values (inline ` #` comments, expansion), multi-line
 * quoted values, bare `KEY` inherited from `lookup`. Keys starting with a digit are dropped.
 * Keys come out in file order; errors name the line.
 */
export function parseDotenv(text: string, options: ParseDotenvOptions): Record<string, string> {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const state: ParserState = { src, options, entries: new Map(), lines: newlineOffsets(src) };
  let pos = statementStart(src, 0);
  while (pos >= 0) {
    pos = statementStart(src, parseStatement(state, pos));
  }
  const kept = [...state.entries].filter(([key]) => !/^[\t\n\f\r ]*[0-9]/.test(key));
  return Object.fromEntries(kept);
}

interface ParserState {
  src: string;
  options: ParseDotenvOptions;
  entries: Map<string, string>;
  lines: number[];
}

/** Parses the statement at `start` into `state.entries`; returns where the next one may begin. */
function parseStatement(state: ParserState, start: number): number {
  const line = lineAt(state.lines, start);
  const { key, next, inherited } = readKey(state, start, line);
  if (key.includes(" ")) fail(state, line, "key cannot contain a space");
  if (inherited) {
    const value = state.options.lookup?.(key);
    if (value !== undefined) state.entries.set(key, value);
    return next;
  }
  let pos = next;
  while (pos < state.src.length && isInlineSpace(state.src[pos] ?? "")) pos++;
  const { value, end } = readValue(state, pos, line);
  state.entries.set(key, value);
  return end;
}

/** Index of the next statement (after blank space and `#` comment lines), or -1 at the end. */
function statementStart(src: string, from: number): number {
  let pos = from;
  for (;;) {
    while (pos < src.length && isUnicodeSpace(src[pos] ?? "")) pos++;
    if (pos >= src.length) return -1;
    if (src[pos] !== "#") return pos;
    const newline = src.indexOf("\n", pos);
    if (newline < 0) return -1;
    pos = newline;
  }
}

interface KeyRead {
  key: string;
  /** Index just after the `=`, `:` or newline that ended the key. */
  next: number;
  /** A bare `KEY` line: its value comes from the lookup. */
  inherited: boolean;
}

function readKey(state: ParserState, start: number, line: number): KeyRead {
  const { src } = state;
  let keyStart = start;
  if (/^export[\t\n\f\r ]/.test(src.slice(start, start + 7))) {
    keyStart += "export".length;
    while (keyStart < src.length && isInlineSpace(src[keyStart] ?? "")) keyStart++;
  }
  let pos = keyStart;
  while (pos < src.length) {
    const char = String.fromCodePoint(src.codePointAt(pos) ?? 0);
    if (char === "=" || char === ":" || char === "\n") {
      return { key: trimEndSpace(src.slice(keyStart, pos)), next: pos + 1, inherited: char === "\n" };
    }
    if (!isInlineSpace(char) && !isKeyChar(char)) {
      const firstLine = src.slice(keyStart).split("\n", 1)[0] ?? "";
      fail(state, line, `unexpected character ${goQuote(char)} in variable name ${goQuote(firstLine)}`);
    }
    pos += char.length;
  }
  // A bare KEY on the last line, without a newline after it.
  return { key: trimEndSpace(src.slice(keyStart)), next: src.length, inherited: true };
}

function readValue(state: ParserState, start: number, line: number): { value: string; end: number } {
  const { src } = state;
  const quote = src[start];
  if (quote !== '"' && quote !== "'") {
    const newline = src.indexOf("\n", start);
    const end = newline < 0 ? src.length : newline + 1;
    let raw = src.slice(start, newline < 0 ? src.length : newline);
    const comment = raw.indexOf(" #");
    if (comment >= 0) raw = raw.slice(0, comment);
    return { value: expand(state, trimEndSpace(raw), line), end };
  }
  let chars = "";
  let escaped = false;
  for (let pos = start + 1; pos < src.length; pos++) {
    const char = src[pos] ?? "";
    if (char === quote && !escaped) {
      const value = quote === '"' ? expand(state, expandEscapes(chars), line) : chars;
      return { value, end: pos + 1 };
    }
    if (char === "\\" && !escaped) {
      escaped = true;
      continue;
    }
    // A backslash before the closing quote character is dropped; before anything else it stays.
    if (escaped && char !== quote) chars += "\\";
    escaped = false;
    chars += char;
  }
  const newline = src.indexOf("\n", start);
  return fail(
    state,
    line,
    `unterminated quoted value ${src.slice(start, newline < 0 ? src.length : newline)}`,
  );
}

/** `${VAR}` expansion: the lookup first, then keys set earlier in this file, then the fallback. */
function expand(state: ParserState, template: string, line: number): string {
  const { lookup, fallback } = state.options;
  const { entries } = state;
  try {
    return expandTemplate(template, {
      lookup: (name) => lookup?.(name) ?? entries.get(name) ?? fallback?.(name),
    });
  } catch (error: unknown) {
    if (error instanceof TemplateFailureSignal) fail(state, line, describeFailure(error.failure));
    throw error;
  }
}

function fail(state: ParserState, line: number, message: string): never {
  throw new ComposeError([{ path: "", file: state.options.file, line, message }]);
}

function newlineOffsets(src: string): number[] {
  const offsets: number[] = [];
  for (let pos = src.indexOf("\n"); pos >= 0; pos = src.indexOf("\n", pos + 1)) offsets.push(pos);
  return offsets;
}

/** 1-based line of `pos`: one more than the newlines before it. */
function lineAt(offsets: readonly number[], pos: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((offsets[mid] ?? 0) < pos) low = mid + 1;
    else high = mid;
  }
  return low + 1;
}
