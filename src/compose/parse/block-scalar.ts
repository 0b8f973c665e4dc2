import type { BlockLines } from "./block-lines.js";
import { Decline } from "./js-yaml-nodes.js";
import { restIsBlank } from "./line-scalars.js";

/**
 * Reads a literal (`|`, `|-`) or folded (`>`, `>-`) block scalar whose header is at `at` on the
 * current line; `indent` is the indentation of the collection it belongs to (its content must be
 * indented more). Leaves the lines at the next content line after it. Declines keep chomping,
 * indentation indicators, empty scalars, blank lines with more spaces than the content, more
 * indented lines in folded scalars, and a scalar that ends the text without a line break.
 */
export function readBlockScalar(lines: BlockLines, at: number, indent: number): string {
  const text = lines.text;
  const folded = text.charCodeAt(at) === 0x3e;
  let after = at + 1;
  const strip = text.charCodeAt(after) === 0x2d;
  if (strip) after++;
  if (after < lines.end && text.charCodeAt(after) !== 0x20) throw new Decline("block scalar header");
  if (!restIsBlank(text, after, lines.end)) throw new Decline("block scalar header");
  lines.nextRaw();
  let leading = 0;
  let widestBlank = 0;
  while (!lines.done && lines.content === lines.end) {
    leading++;
    widestBlank = Math.max(widestBlank, lines.indent);
    lines.nextRaw();
  }
  const contentIndent = lines.indent;
  if (lines.done || contentIndent <= indent || widestBlank > contentIndent)
    throw new Decline("empty or oddly indented block scalar");
  if (folded && leading > 0) throw new Decline("folded scalar with leading blank lines");
  let out = "\n".repeat(leading);
  let pending = -1;
  let broken = true;
  while (!lines.done) {
    if (lines.content === lines.end) {
      if (lines.indent > contentIndent) throw new Decline("blank line with extra spaces");
      pending++;
      lines.nextRaw();
      continue;
    }
    if (lines.indent < contentIndent) break;
    if (folded && lines.indent > contentIndent) throw new Decline("more indented folded line");
    if (pending >= 0) out += folded ? (pending === 0 ? " " : "\n".repeat(pending)) : "\n".repeat(pending + 1);
    out += text.slice(lines.lineStart + contentIndent, lines.end);
    pending = 0;
    broken = lines.hasBreak();
    lines.nextRaw();
  }
  if (!broken) throw new Decline("block scalar without a final line break");
  lines.settle();
  return strip ? out : `${out}\n`;
}
