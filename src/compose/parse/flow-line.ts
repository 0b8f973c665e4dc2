import { type RawMap, type RawValue, setOwn } from "../tree.js";
import { Decline } from "./js-yaml-nodes.js";
import { type Cursor, readDoubleQuoted, readSingleQuoted, skipSpaces } from "./line-scalars.js";
import { resolvePlain } from "./scalar.js";

/** Resolves `*name` inside a flow collection into a fresh copy of the anchored value. */
export type AliasReader = (pos: number, end: number, cursor: Cursor) => RawValue;

/** What reading one flow collection needs besides the text. */
export interface FlowContext {
  cursor: Cursor;
  alias: AliasReader;
  /** Counts a written node (for the alias expansion budget). */
  count: () => void;
}

const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;

/**
 * Reads a flow sequence `[a, "b", 'c', *x]` or a flow mapping `{a: b}` of scalars written on one
 * line; `pos` is at the opening bracket. Nested collections, empty entries, trailing commas,
 * comments, tags and anchors inside, and anything spanning lines are declined.
 */
export function readFlow(text: string, pos: number, end: number, ctx: FlowContext): RawValue[] | RawMap {
  return text.charCodeAt(pos) === 0x5b ? readFlowSeq(text, pos, end, ctx) : readFlowMap(text, pos, end, ctx);
}

function readFlowSeq(text: string, pos: number, end: number, ctx: FlowContext): RawValue[] {
  const out: RawValue[] = [];
  let i = skipSpaces(text, pos + 1, end);
  if (text.charCodeAt(i) === 0x5d) {
    ctx.cursor.pos = i + 1;
    return out;
  }
  for (;;) {
    out.push(readFlowScalar(text, i, end, ctx, false));
    i = skipSpaces(text, ctx.cursor.pos, end);
    const c = text.charCodeAt(i);
    if (c === 0x5d) {
      ctx.cursor.pos = i + 1;
      return out;
    }
    if (c !== COMMA || i >= end) throw new Decline("flow sequence not modelled");
    i = skipSpaces(text, i + 1, end);
  }
}

function readFlowMap(text: string, pos: number, end: number, ctx: FlowContext): RawMap {
  const out: RawMap = {};
  let i = skipSpaces(text, pos + 1, end);
  if (text.charCodeAt(i) === 0x7d) {
    ctx.cursor.pos = i + 1;
    return out;
  }
  for (;;) {
    const key = readFlowKey(text, i, end, ctx);
    if (key === "<<" || Object.hasOwn(out, key)) throw new Decline("merge or duplicate key in flow mapping");
    ctx.count();
    setOwn(out, key, readFlowScalar(text, skipSpaces(text, ctx.cursor.pos, end), end, ctx, true));
    i = skipSpaces(text, ctx.cursor.pos, end);
    const c = text.charCodeAt(i);
    if (c === 0x7d) {
      ctx.cursor.pos = i + 1;
      return out;
    }
    if (c !== COMMA || i >= end) throw new Decline("flow mapping not modelled");
    i = skipSpaces(text, i + 1, end);
  }
}

/** Reads `key: ` (plain or quoted key, a space after the colon); the cursor ends after the colon. */
function readFlowKey(text: string, pos: number, end: number, ctx: FlowContext): string {
  const c = text.charCodeAt(pos);
  let key: string;
  let i: number;
  if (c === 0x22 || c === 0x27) {
    key =
      c === 0x22
        ? readDoubleQuoted(text, pos, end, ctx.cursor)
        : readSingleQuoted(text, pos, end, ctx.cursor);
    i = skipSpaces(text, ctx.cursor.pos, end);
  } else {
    if (!plainStart(c)) throw new Decline("flow key not modelled");
    i = pos;
    let last = pos;
    while (i < end) {
      const d = text.charCodeAt(i);
      if (d === COLON || isFlowIndicator(d) || d === 0x23) break;
      i++;
      if (d !== SPACE) last = i;
    }
    key = text.slice(pos, last);
  }
  if (text.charCodeAt(i) !== COLON || text.charCodeAt(i + 1) !== SPACE || i + 1 >= end)
    throw new Decline("flow key not modelled");
  ctx.cursor.pos = i + 1;
  return key;
}

/** Reads one scalar entry (plain, quoted or an alias) and counts it; the cursor ends after it. */
function readFlowScalar(text: string, pos: number, end: number, ctx: FlowContext, inMap: boolean): RawValue {
  if (pos >= end) throw new Decline("flow collection spans lines");
  const c = text.charCodeAt(pos);
  // An alias counts itself (with what it expands to).
  if (c === 0x2a) return ctx.alias(pos, end, ctx.cursor);
  ctx.count();
  if (c === 0x22) return readDoubleQuoted(text, pos, end, ctx.cursor);
  if (c === 0x27) return readSingleQuoted(text, pos, end, ctx.cursor);
  if (!plainStart(c)) throw new Decline("flow entry not modelled");
  let i = pos;
  let last = pos;
  while (i < end) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === 0x5d || d === 0x7d) break;
    if (d === 0x5b || d === 0x7b) throw new Decline("nested flow");
    if (d === 0x23 && text.charCodeAt(i - 1) === SPACE) throw new Decline("comment in flow");
    if (d === COLON) {
      const next = i + 1 < end ? text.charCodeAt(i + 1) : SPACE;
      // `a: b` in a sequence is a one-pair mapping; `a:` before an indicator is unclear: leave both.
      if (next === SPACE || isFlowIndicator(next) || inMap) throw new Decline("colon in flow scalar");
    }
    i++;
    if (d !== SPACE) last = i;
  }
  ctx.cursor.pos = last;
  return resolvePlain(text.slice(pos, last)).value;
}

/** A character that may start a plain scalar inside a flow collection (no indicator at all). */
function plainStart(c: number): boolean {
  return !(
    isFlowIndicator(c) ||
    c === 0x2d ||
    c === 0x3f ||
    c === COLON ||
    c === 0x23 ||
    c === 0x26 ||
    c === 0x2a ||
    c === 0x21 ||
    c === 0x7c ||
    c === 0x3e ||
    c === 0x22 ||
    c === 0x27 ||
    c === 0x25 ||
    c === 0x40 ||
    c === 0x60 ||
    c === SPACE
  );
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}
