import type { SourceLocation } from "../source-map.js";
import type { YNode } from "./js-yaml-nodes.js";

/** Where a node's content starts: offset, 0-based line and the offset that line starts at. */
export interface Place {
  offset: number;
  line: number;
  lineStart: number;
}

/** Turns nodes into 1-based locations (as the `yaml` package places them: after tags and anchors). */
export class NodePlacer {
  constructor(
    private readonly input: string,
    private readonly file: string,
    /** 1 when the text began with a byte order mark, which js-yaml dropped. */
    private readonly bomShift: number,
  ) {}

  /** The location of a node's content; an empty node sits where its line (after any properties) ends. */
  locate(node: YNode): SourceLocation {
    if (node.location !== undefined) return node.location;
    const place = contentStart(this.input, node.open, node.kind === "empty");
    const shift = place.line === 0 ? this.bomShift : 0;
    const location = {
      file: this.file,
      line: place.line + 1,
      column: place.offset - place.lineStart + 1 + shift,
    };
    node.location = location;
    return location;
  }

  /** True when a (tagged) scalar was written plain: not quoted, not a block scalar. */
  isPlain(node: YNode): boolean {
    if (node.tag === "?") return true;
    if (node.tag === null) return false;
    const c = this.input.charCodeAt(contentStart(this.input, node.open, false).offset);
    return c !== 0x22 && c !== 0x27 && c !== 0x7c && c !== 0x3e;
  }
}

/**
 * True when the tags and anchors of a node read from `open` are written as the `yaml` package
 * wants them: each followed by white space, and all on one line (js-yaml also takes `&a[x]`, and
 * properties on several lines, even less indented ones).
 */
export function propertiesWellFormed(input: string, open: Place): boolean {
  let i = open.offset;
  let seen = false;
  let broken = false;
  for (;;) {
    const c = input.charCodeAt(i);
    if (c === 0x20 || c === 0x09) i++;
    else if (c === 0x0a || c === 0x0d) {
      i++;
      broken = seen;
    } else if (c === 0x23) i = lineEnd(input, i);
    else if (c === 0x21 || c === 0x26) {
      if (broken) return false;
      i = propertyEnd(input, i);
      seen = true;
      const next = input.charCodeAt(i);
      if (next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d && next !== 0) return false;
    } else return true;
  }
}

/** True when a node read from `open` is written with a tag or an anchor. */
export function hasProperties(input: string, open: Place): boolean {
  const c = input.charCodeAt(contentStart(input, open, false, true).offset);
  return c === 0x21 || c === 0x26;
}

/** Where the content of a node read from `open` starts (after spaces, comments and properties). */
export function contentStart(
  input: string,
  open: Place,
  stopAtLineEnd = false,
  stopAtProperty = false,
): Place {
  let { offset: i, line, lineStart } = open;
  for (;;) {
    const c = input.charCodeAt(i);
    if (c === 0x20 || c === 0x09) i++;
    else if ((c === 0x0a || c === 0x0d) && !stopAtLineEnd) {
      i += c === 0x0d && input.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      line++;
      lineStart = i;
    } else if (c === 0x23 && !stopAtLineEnd) i = lineEnd(input, i);
    else if ((c === 0x21 || c === 0x26) && !stopAtProperty) i = propertyEnd(input, i);
    else return { offset: i, line, lineStart };
  }
}

function lineEnd(input: string, from: number): number {
  let i = from;
  for (let c = input.charCodeAt(i); i < input.length && c !== 0x0a && c !== 0x0d; c = input.charCodeAt(++i));
  return i;
}

/** The end of a tag (`!name`) or anchor (`&name`): the next space, line break or (anchors) flow indicator. */
function propertyEnd(input: string, from: number): number {
  const anchor = input.charCodeAt(from) === 0x26;
  let i = from + 1;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0) break;
    if (anchor && (c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d)) break;
  }
  return i;
}
