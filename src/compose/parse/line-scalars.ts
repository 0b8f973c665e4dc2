import { Decline } from "./js-yaml-nodes.js";

// Readers of one-line scalars for the plain block parser (block-parse.ts). Each reads from `pos` up
// to `end` (the end of the line, line break excluded), sets `cursor.pos` after what it read, and
// throws Decline on anything it does not model.

/** Where a reader stopped. */
export interface Cursor {
  pos: number;
}

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;

/** The index of the first character at or after `pos` that is not a space (at most `end`). */
export function skipSpaces(text: string, pos: number, end: number): number {
  let i = pos;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i;
}

/** Reads a single-quoted scalar on one line (`''` is a quote); `pos` is at the opening quote. */
export function readSingleQuoted(text: string, pos: number, end: number, cursor: Cursor): string {
  let out = "";
  let from = pos + 1;
  for (let i = from; i < end; i++) {
    if (text.charCodeAt(i) !== APOSTROPHE) continue;
    out += text.slice(from, i);
    if (text.charCodeAt(i + 1) === APOSTROPHE && i + 1 < end) {
      out += "'";
      i++;
      from = i + 1;
      continue;
    }
    cursor.pos = i + 1;
    return out;
  }
  throw new Decline("quoted scalar spans lines");
}

/** Reads a double-quoted scalar on one line with the escapes `\"` `\\` `\/` `\n` `\t` only. */
export function readDoubleQuoted(text: string, pos: number, end: number, cursor: Cursor): string {
  let out = "";
  let from = pos + 1;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      cursor.pos = i + 1;
      return out + text.slice(from, i);
    }
    if (c !== BACKSLASH) continue;
    out += text.slice(from, i);
    const e = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (e === QUOTE || e === BACKSLASH || e === 0x2f) out += String.fromCharCode(e);
    else if (e === 0x6e) out += "\n";
    else if (e === 0x74) out += "\t";
    else throw new Decline("escape not modelled");
    i++;
    from = i + 1;
  }
  throw new Decline("quoted scalar spans lines");
}

/**
 * True when a plain scalar may start with this character in block context: not an indicator
 * (`-`, `?` and `:` only when a non-space follows; `?` and `:` declined altogether).
 */
export function startsPlain(text: string, pos: number, end: number): boolean {
  const c = text.charCodeAt(pos);
  switch (c) {
    case 0x2d: // -
      return pos + 1 < end && text.charCodeAt(pos + 1) !== SPACE;
    case 0x3f: // ?
    case COLON:
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case APOSTROPHE:
    case QUOTE:
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return false;
    default:
      return true;
  }
}

/**
 * Scans a plain scalar in block context from `pos`: sets `cursor.pos` to where its text ends
 * (trailing spaces excluded) and returns the index of a `:` that makes it a mapping key (followed by
 * a space or the line end), or -1 when it runs to a comment or the line end.
 */
export function scanPlain(text: string, pos: number, end: number, cursor: Cursor): number {
  let last = pos;
  for (let i = pos; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) continue;
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
    if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) {
      cursor.pos = last;
      return i;
    }
    last = i + 1;
  }
  cursor.pos = last;
  return -1;
}

/** True when only spaces, or spaces and a comment, are left on the line from `pos`. */
export function restIsBlank(text: string, pos: number, end: number): boolean {
  const i = skipSpaces(text, pos, end);
  return i === end || (text.charCodeAt(i) === HASH && i > pos);
}
