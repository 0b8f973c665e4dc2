import { isRawMap, type RawMap, type RawValue, setOwn, TaggedValue } from "../tree.js";
import { Anchors, BLOCK_MAX_DEPTH } from "./alias-budget.js";
import { BlockLines } from "./block-lines.js";
import { readBlockScalar } from "./block-scalar.js";
import { readFlow } from "./flow-line.js";
import { Decline } from "./js-yaml-nodes.js";
import {
  type Cursor,
  readDoubleQuoted,
  readSingleQuoted,
  restIsBlank,
  scanPlain,
  skipSpaces,
  startsPlain,
} from "./line-scalars.js";
import { resolvePlain } from "./scalar.js";

/** Node properties written before a value: an anchor and a compose tag, each at most once. */
interface Properties {
  anchor: string | undefined;
  tag: "!reset" | "!override" | undefined;
}

/** `<<` entries of one mapping: where they stand among its keys, and the mappings they merge. */
interface Merge {
  at: number;
  sources: RawMap[];
}

const NO_PROPERTIES: Properties = { anchor: undefined, tag: undefined };
const LONGEST_KEY = 1000;

/**
 * Reads the plain block YAML that compose files are made of, in one pass over the lines, into the
 * raw tree the careful path builds for the same text. Throws Decline on anything it does not model
 * or that looks unusual (the js-yaml and careful paths then read the file): duplicate keys, tags
 * other than `!reset`/`!override`, multi-line plain or quoted scalars, nested or multi-line flow
 * collections, tabs, directives, further documents, and more.
 */
export function parseBlock(text: string): RawMap {
  return new BlockParser(text).parseDocument();
}

class BlockParser {
  private readonly lines: BlockLines;
  private readonly cursor: Cursor = { pos: 0 };
  /** Where looksLikeKey's scans stop (apart from the cursor, which they must not move). */
  private readonly probe: Cursor = { pos: 0 };
  private readonly anchors = new Anchors();
  private readonly flow;
  /** Depth of the entries of the flow collection being read (where its aliases' copies go). */
  private flowDepth = 0;

  constructor(private readonly text: string) {
    this.lines = new BlockLines(text);
    this.flow = {
      cursor: this.cursor,
      alias: (pos: number, end: number, cursor: Cursor) => this.readAlias(pos, end, cursor, this.flowDepth),
      count: () => this.anchors.node(),
    };
  }

  parseDocument(): RawMap {
    const lines = this.lines;
    lines.start();
    if (lines.done || lines.indent !== 0) throw new Decline("empty document or indented top level");
    const value = this.parseMapping(0, lines.content, 0);
    if (!lines.done) throw new Decline("text after the top-level mapping");
    this.anchors.check();
    return value;
  }

  /** A block mapping whose first key starts at `keyAt` on the current line; entries at `indent`. */
  private parseMapping(indent: number, keyAt: number, depth: number): RawMap {
    if (depth >= BLOCK_MAX_DEPTH) throw new Decline("nesting");
    const { text, lines, cursor } = this;
    const out: RawMap = {};
    const keys: string[] = [];
    let merges: Merge[] | undefined;
    let at = keyAt;
    for (;;) {
      const end = lines.end;
      const key = this.readKey(at, end);
      this.anchors.key();
      const valueAt = skipSpaces(text, cursor.pos, end);
      if (key === undefined) {
        // A quoted "<<" is another key to yaml, but the same name to the careful path's duplicate check.
        if (merges !== undefined || Object.hasOwn(out, "<<")) throw new Decline("duplicate merge key");
        merges = [{ at: keys.length, sources: this.readMergeSources(valueAt, end, depth) }];
        lines.next();
      } else {
        if (Object.hasOwn(out, key) || (key === "<<" && merges !== undefined))
          throw new Decline("duplicate key");
        keys.push(key);
        const value = this.parseValue(indent, valueAt, depth + 1, true);
        // setOwn inline: a call per entry costs while the code is still interpreted (first file).
        if (key === "__proto__") setOwn(out, key, value);
        else out[key] = value;
      }
      if (lines.done || lines.indent < indent) break;
      if (lines.indent > indent || lines.isSequenceEntry()) throw new Decline("unexpected indentation");
      at = lines.content;
    }
    return merges === undefined ? out : applyMerges(out, keys, merges);
  }

  /**
   * Reads a mapping key at `pos` up to its `:`; the cursor ends after the colon. Returns undefined
   * for a plain `<<` (a merge key).
   */
  private readKey(pos: number, end: number): string | undefined {
    const { text, cursor } = this;
    const c = text.charCodeAt(pos);
    let key: string;
    if (c === 0x22 || c === 0x27) {
      key = c === 0x22 ? readDoubleQuoted(text, pos, end, cursor) : readSingleQuoted(text, pos, end, cursor);
      const colon = skipSpaces(text, cursor.pos, end);
      if (!isValueIndicator(text, colon, end)) throw new Decline("not a mapping entry");
      cursor.pos = colon + 1;
    } else {
      if (!startsPlain(text, pos, end)) throw new Decline("key not modelled");
      const colon = scanPlain(text, pos, end, cursor);
      if (colon < 0) throw new Decline("not a mapping entry");
      key = text.slice(pos, cursor.pos);
      if (hasFlowIndicator(key)) throw new Decline("flow indicator in a key");
      cursor.pos = colon + 1;
      if (key === "<<") return undefined;
    }
    if (key.length > LONGEST_KEY) throw new Decline("long key");
    return key;
  }

  /** The mappings a `<<` merges: `*a` or `[*a, *b]` on its line, each anchored to a mapping. */
  private readMergeSources(pos: number, end: number, depth: number): RawMap[] {
    const { text, cursor } = this;
    const c = text.charCodeAt(pos);
    let sources: RawValue[];
    if (c === 0x2a) sources = [this.readAlias(pos, end, cursor, depth)];
    else if (c === 0x5b) {
      this.anchors.node();
      sources = readFlow(text, pos, end, {
        ...this.flow,
        alias: (at, to, into) => this.readAlias(at, to, into, depth),
      }) as RawValue[];
    } else throw new Decline("merge value not modelled");
    if (!restIsBlank(text, cursor.pos, end)) throw new Decline("text after a merge value");
    return sources.map((source) => {
      if (!isRawMap(source)) throw new Decline("merge of a non-mapping");
      return source;
    });
  }

  /**
   * The value of a mapping entry or sequence item that starts at `pos` on the current line (after
   * `key:` or `- `); `indent` is the indentation of its mapping or sequence. Leaves the lines at the
   * next content line.
   */
  private parseValue(indent: number, pos: number, depth: number, inMapping: boolean): RawValue {
    const props = this.readProperties(pos, this.lines.end);
    if (props === NO_PROPERTIES) return this.parseContent(indent, pos, depth, inMapping, false);
    const anchor = props.anchor;
    if (anchor !== undefined) this.anchors.opening(anchor);
    const content = this.parseContent(indent, this.cursor.pos, depth, inMapping, true);
    const value = props.tag === undefined ? content : new TaggedValue(props.tag, content);
    if (anchor !== undefined) this.anchors.define(anchor, value);
    return value;
  }

  /** The value at `at` (its properties read already); see parseValue. */
  private parseContent(
    indent: number,
    at: number,
    depth: number,
    inMapping: boolean,
    props: boolean,
  ): RawValue {
    const { text, lines } = this;
    const end = lines.end;
    if (at === end || text.charCodeAt(at) === 0x23) {
      lines.next();
      return this.parseIndented(indent, depth, inMapping);
    }
    const c = text.charCodeAt(at);
    if (c === 0x7c || c === 0x3e) {
      this.anchors.node();
      return readBlockScalar(lines, at, indent);
    }
    if (props && (c === 0x2a || this.looksLikeKey(at, end)))
      throw new Decline("properties before an alias or a key");
    if (!inMapping && this.looksLikeKey(at, end)) {
      // `- key: value`: a mapping whose keys line up with this one.
      this.anchors.node();
      return this.parseMapping(at - lines.lineStart, at, depth);
    }
    const value = this.readInline(at, end, depth);
    if (!restIsBlank(text, this.cursor.pos, end)) throw new Decline("text after a value");
    lines.next();
    return value;
  }

  /** The value that follows on the next lines (the lines are there): a block collection, or empty. */
  private parseIndented(indent: number, depth: number, inMapping: boolean): RawValue {
    const lines = this.lines;
    if (!lines.done && lines.indent > indent) {
      this.anchors.node();
      if (lines.isSequenceEntry()) return this.parseSequence(lines.indent, depth);
      if (!this.looksLikeKey(lines.content, lines.end)) throw new Decline("scalar on its own line");
      return this.parseMapping(lines.indent, lines.content, depth);
    }
    if (inMapping && !lines.done && lines.indent === indent && lines.isSequenceEntry()) {
      this.anchors.node();
      return this.parseSequence(indent, depth);
    }
    this.anchors.empty();
    return null;
  }

  private parseSequence(indent: number, depth: number): RawValue[] {
    if (depth >= BLOCK_MAX_DEPTH) throw new Decline("nesting");
    const { text, lines } = this;
    const out: RawValue[] = [];
    for (;;) {
      const at = skipSpaces(text, lines.content + 1, lines.end);
      if (text.charCodeAt(at) === 0x2d && (at + 1 === lines.end || text.charCodeAt(at + 1) === 0x20))
        throw new Decline("compact nested sequence");
      out.push(this.parseValue(indent, at, depth + 1, false));
      if (lines.done || lines.indent < indent) break;
      if (lines.indent > indent || !lines.isSequenceEntry()) {
        if (lines.indent === indent) break;
        throw new Decline("unexpected indentation");
      }
    }
    return out;
  }

  /** A scalar, alias or one-line flow collection at `pos`; the cursor ends after it. */
  private readInline(pos: number, end: number, depth: number): RawValue {
    const { text, cursor } = this;
    const c = text.charCodeAt(pos);
    if (c === 0x2a) return this.readAlias(pos, end, cursor, depth);
    this.anchors.node();
    if (c === 0x22) return readDoubleQuoted(text, pos, end, cursor);
    if (c === 0x27) return readSingleQuoted(text, pos, end, cursor);
    if (c === 0x5b || c === 0x7b) {
      if (depth + 1 >= BLOCK_MAX_DEPTH) throw new Decline("nesting");
      this.flowDepth = depth + 1;
      return readFlow(text, pos, end, this.flow);
    }
    if (!startsPlain(text, pos, end)) throw new Decline("scalar not modelled");
    if (scanPlain(text, pos, end, cursor) >= 0) throw new Decline("mapping on a value's line");
    return resolvePlain(text.slice(pos, cursor.pos)).value;
  }

  /** `*name` at `pos`: a fresh copy of the anchored value. */
  private readAlias(pos: number, end: number, cursor: Cursor, depth: number): RawValue {
    const name = this.readName(pos + 1, end);
    cursor.pos = pos + 1 + name.length;
    return this.anchors.expand(name, depth);
  }

  /** An anchor or alias name from `pos`: letters, digits, `_`, `-` and `.`, then a space, `,`, `]`, `}` or the line end. */
  private readName(pos: number, end: number): string {
    const text = this.text;
    let i = pos;
    while (i < end && isNameChar(text.charCodeAt(i))) i++;
    if (i === pos) throw new Decline("empty name");
    if (i < end) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x2c && c !== 0x5d && c !== 0x7d) throw new Decline("name not modelled");
    }
    return text.slice(pos, i);
  }

  /** Reads `&anchor` and `!reset`/`!override` before a value; the cursor ends at what follows them. */
  private readProperties(pos: number, end: number): Properties {
    const text = this.text;
    let c = text.charCodeAt(pos);
    if (c !== 0x26 && c !== 0x21) return NO_PROPERTIES;
    const props: Properties = { anchor: undefined, tag: undefined };
    let i = pos;
    while (i < end && (c === 0x26 || c === 0x21)) {
      if (c === 0x26) {
        if (props.anchor !== undefined) throw new Decline("two anchors");
        props.anchor = this.readName(i + 1, end);
        i += 1 + props.anchor.length;
      } else {
        if (props.tag !== undefined) throw new Decline("two tags");
        const tagEnd = text.indexOf(" ", i);
        const stop = tagEnd < 0 || tagEnd > end ? end : tagEnd;
        const tag = text.slice(i, stop);
        if (tag !== "!reset" && tag !== "!override") throw new Decline("tag not modelled");
        props.tag = tag;
        i = stop;
      }
      if (i < end && text.charCodeAt(i) !== 0x20) throw new Decline("properties not modelled");
      i = skipSpaces(text, i, end);
      c = text.charCodeAt(i);
    }
    this.cursor.pos = i;
    return props;
  }

  /** True when a mapping key (plain or quoted, then `: ` or `:` at the line end) starts at `pos`. */
  private looksLikeKey(pos: number, end: number): boolean {
    const { text } = this;
    const c = text.charCodeAt(pos);
    const probe = this.probe;
    if (c === 0x22 || c === 0x27) {
      try {
        if (c === 0x22) readDoubleQuoted(text, pos, end, probe);
        else readSingleQuoted(text, pos, end, probe);
      } catch (error: unknown) {
        if (error instanceof Decline) return false;
        throw error;
      }
      return isValueIndicator(text, skipSpaces(text, probe.pos, end), end);
    }
    if (!startsPlain(text, pos, end)) return false;
    return scanPlain(text, pos, end, probe) >= 0;
  }
}

/** True for a `:` at `pos` followed by a space or the line end. */
function isValueIndicator(text: string, pos: number, end: number): boolean {
  return text.charCodeAt(pos) === 0x3a && (pos + 1 === end || text.charCodeAt(pos + 1) === 0x20);
}

function hasFlowIndicator(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) return true;
  }
  return false;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x2e
  );
}

/**
 * The mapping with its `<<` entries applied as the careful path applies them: keys written in the
 * mapping win wherever they stand, then earlier merges over later ones; merged keys are placed
 * where their `<<` stands.
 */
function applyMerges(written: RawMap, keys: string[], merges: Merge[]): RawMap {
  const out: RawMap = {};
  let next = 0;
  for (const merge of merges) {
    for (; next < merge.at; next++) {
      const key = keys[next] as string;
      setOwn(out, key, written[key] ?? null);
    }
    for (const source of merge.sources) {
      for (const key of Object.keys(source)) {
        if (Object.hasOwn(written, key) || Object.hasOwn(out, key)) continue;
        setOwn(out, key, source[key] ?? null);
      }
    }
  }
  for (; next < keys.length; next++) {
    const key = keys[next] as string;
    setOwn(out, key, written[key] ?? null);
  }
  return out;
}
