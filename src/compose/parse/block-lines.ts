import { Decline } from "./js-yaml-nodes.js";

/**
 * The lines of a YAML text as the plain block parser walks them: where the current line starts,
 * ends (line break excluded, CRLF too) and its content begins. Declines text the parser does not
 * model at all: tabs, control and non-printable characters, a lone carriage return, a byte order
 * mark after the start, directives, and document markers other than one leading `---`.
 */
export class BlockLines {
  /** Offset of the current line. */
  lineStart = 0;
  /** End of the current line, its line break excluded. */
  end = 0;
  /** Offset of the next line (past the end of the text when none follows). */
  nextStart = 0;
  /** Spaces before the current line's content. */
  indent = 0;
  /** Offset of the current line's content (`end` when the line is blank). */
  content = 0;
  /** True once the lines are used up. */
  done = false;
  /** False while looking for a leading `---` (the only marker accepted). */
  private started = false;

  constructor(readonly text: string) {}

  /** Checks the characters and moves to the first content line, past a leading `---`. */
  start(): void {
    const text = this.text;
    const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    checkCharacters(text, from);
    this.load(from);
    this.settle();
    this.started = true;
    if (!this.done && this.lineStart === this.content && isMarkerLine(text, this.content)) {
      if (!text.startsWith("---", this.content) || this.end !== this.content + 3)
        throw new Decline("document marker not modelled");
      this.next();
    }
  }

  /** Moves to the next content line (not blank, not only a comment). */
  next(): void {
    this.nextRaw();
    this.settle();
  }

  /** Moves to the next line, whatever it holds. */
  nextRaw(): void {
    this.load(this.nextStart);
  }

  /** Skips blank and comment-only lines, starting with the current one. */
  settle(): void {
    while (!this.done && (this.content === this.end || this.text.charCodeAt(this.content) === 0x23))
      this.nextRaw();
  }

  /** True when the current line is a block sequence entry (`-` then a space or the line end). */
  isSequenceEntry(): boolean {
    const at = this.content;
    return (
      this.text.charCodeAt(at) === 0x2d && (at + 1 === this.end || this.text.charCodeAt(at + 1) === 0x20)
    );
  }

  /** True when a line break ends the current line (false for a last line without one). */
  hasBreak(): boolean {
    return this.nextStart <= this.text.length;
  }

  private load(start: number): void {
    const text = this.text;
    if (start >= text.length) {
      this.done = true;
      this.lineStart = this.end = this.content = this.nextStart = text.length;
      this.indent = 0;
      return;
    }
    let lf = text.indexOf("\n", start);
    if (lf < 0) lf = text.length;
    this.lineStart = start;
    this.nextStart = lf + 1;
    this.end = lf > start && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    let i = start;
    while (i < this.end && text.charCodeAt(i) === 0x20) i++;
    this.content = i;
    this.indent = i - start;
    if (this.started && isMarkerLine(text, start)) throw new Decline("directive or document marker");
  }
}

/** A line starting with `%` (a directive), `---` or `...` (document markers, or text the parser leaves alone). */
function isMarkerLine(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 0x25) return true;
  return (c === 0x2d || c === 0x2e) && text.charCodeAt(at + 1) === c && text.charCodeAt(at + 2) === c;
}

/**
 * A character the parser does not model: a tab, a control character, a carriage return that is not
 * part of CRLF, DEL and C1 controls, line and paragraph separators, a byte order mark, U+FFFE/FFFF.
 * (A regular expression: it scans a large file faster than a cold loop.)
 */
const NOT_MODELLED = /[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\ufffd]|\r(?!\n)/;

/** Declines characters the parser does not model (see NOT_MODELLED). */
function checkCharacters(text: string, from: number): void {
  if (NOT_MODELLED.test(from === 0 ? text : text.slice(from))) throw new Decline("character not modelled");
}
