import { Decline, type LoaderState, type Opened, type YNode } from "./js-yaml-nodes.js";
import { contentStart, hasProperties, type Place, propertiesWellFormed } from "./node-place.js";

/**
 * Text the js-yaml path leaves to the careful one: directives (`%TAG` can rename tags), verbatim
 * tags (`!<?>` means "plain" to js-yaml), a carriage return without a line feed (a line break to
 * js-yaml, not to the `yaml` package), tabs in indentation or after a leading `-`, `?` or `:`
 * (js-yaml is laxer with them), and `---` or `...` followed by more than white space (a document
 * marker to js-yaml, text to `yaml`).
 */
export const LEAVE_TO_CAREFUL = /^%|!<|\r(?!\n)|^[ ?:-]*\t|^(?:---|\.\.\.)[^\s]/m;

/** A composeNode call that just finished, before its result becomes a node. */
export interface Closing {
  /** The first and the last node closed inside this call. */
  first: YNode | null;
  child: YNode | null;
  opened: Opened;
}

/**
 * Declines what js-yaml reads but the `yaml` package rejects (or reads otherwise), as far as one
 * finished node shows it. Found by differential fuzzing against the careful path.
 */
export function checkClose(state: LoaderState, closing: Closing): void {
  const { input } = state;
  const { child, opened } = closing;
  // `[a]#x`, `"a"#x`: js-yaml takes a comment that touches a node; the `yaml` package does not.
  if (input.charCodeAt(state.position) === 0x23 && !isBlank(input.charCodeAt(state.position - 1)))
    throw new Decline("comment touches a node");
  if (state.tag !== null || state.anchor !== null) {
    if (!propertiesWellFormed(input, opened)) throw new Decline("properties the yaml package rejects");
  } else if (child !== null && state.result !== child && hasProperties(input, opened)) {
    // A failed try at a block mapping (`!reset` then `|` on the next line) reset js-yaml's properties.
    throw new Decline("properties lost");
  }
  if (state.kind === "mapping" && state.result !== child && startsCompactMapping(input, closing))
    throw new Decline("mapping on its key's line");
  if (
    child !== null &&
    state.result === child &&
    child.kind === "scalar" &&
    commentBefore(input, opened, child.open)
  )
    throw new Decline("comment between a key and its scalar");
  if (
    (state.kind === "mapping" || state.kind === "sequence") &&
    state.result !== child &&
    state.line > opened.line &&
    !flowLinesIndented(input, contentStart(input, opened), state.position)
  )
    throw new Decline("flow collection not indented enough");
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * `a: &x b: c`: js-yaml reads the properties as those of a first key `b` of a nested mapping; the
 * `yaml` package rejects a mapping that starts on the line of its own key.
 */
function startsCompactMapping(input: string, { first, opened }: Closing): boolean {
  if (first === null || input.charCodeAt(opened.offset - 1) !== 0x3a || first.open.line !== opened.line)
    return false;
  const c = input.charCodeAt(first.open.offset);
  return c === 0x21 || c === 0x26;
}

/**
 * `c:` `# note` `value` on three lines: valid YAML, but the `yaml` package (and so this parser
 * until now) rejects it. Only white space and comments lie between the two offsets.
 */
function commentBefore(input: string, from: Opened, to: Opened): boolean {
  return to.line > from.line && input.slice(from.offset, to.offset).includes("#");
}

/**
 * For a flow collection starting at `start` and ending before `end`: every further non-blank line
 * is indented more than the line it starts on. js-yaml lets some less indented lines through
 * (after an empty value, say); the `yaml` package does not. Block collections pass unchecked.
 */
function flowLinesIndented(input: string, start: Place, end: number): boolean {
  const c = input.charCodeAt(start.offset);
  if (c !== 0x5b && c !== 0x7b) return true;
  const indent = spacesAt(input, start.lineStart);
  for (let i = input.indexOf("\n", start.offset); i !== -1 && i < end; i = input.indexOf("\n", i + 1)) {
    const spaces = spacesAt(input, i + 1);
    const next = input.charCodeAt(i + 1 + spaces);
    const blank = next === 0x0a || next === 0x0d || next === 0x09 || i + 1 + spaces >= end;
    if (!blank && spaces <= indent) return false;
  }
  return true;
}

function spacesAt(input: string, from: number): number {
  let i = from;
  while (input.charCodeAt(i) === 0x20) i++;
  return i - from;
}
