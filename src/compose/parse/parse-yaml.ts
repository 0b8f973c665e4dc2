import { ComposeError } from "../errors.js";
import { parsePlainBlock } from "./block-fast-parse.js";
import { parseCarefully } from "./careful-parse.js";
import { parseFast } from "./fast-parse.js";
import type { ParsedFile } from "./parsed-file.js";
import { MAX_DEPTH } from "./survey.js";

export type { ParsedFile } from "./parsed-file.js";

/**
 * Parses the text of one compose file (YAML 1.2 core schema with yaml.v3's habits, anchors,
 * aliases, `<<` merge keys, `!reset`/`!override` tags). Throws ComposeError with every problem found.
 * Plain block YAML is read by a purpose-built parser; other files without problems by js-yaml;
 * any other file by the `yaml` package, whose thorough pass finds and locates every problem.
 */
export function parseYaml(text: string, file: string): ParsedFile {
  const flowDepth = maxBracketDepth(text);
  if (flowDepth.depth > MAX_DEPTH) {
    const before = text.slice(0, flowDepth.at);
    const lineStart = before.lastIndexOf("\n") + 1;
    const line = before.split("\n").length;
    const message = `nesting too deep (more than ${MAX_DEPTH} levels)`;
    throw new ComposeError([{ path: "", file, line, column: flowDepth.at - lineStart + 1, message }]);
  }
  return parsePlainBlock(text, file) ?? parseFast(text, file) ?? parseCarefully(text, file);
}

/** The characters maxBracketDepth looks at: the rest is skipped by the regular expression engine. */
const BRACKETS = /[[\]{}]/g;

/**
 * An upper bound of the flow nesting (`[` and `{`), checked before any parser sees the text:
 * recursive parsers can exhaust the stack on pathological input.
 */
function maxBracketDepth(text: string): { depth: number; at: number } {
  let depth = 0;
  let max = { depth: 0, at: 0 };
  BRACKETS.lastIndex = 0;
  for (let found = BRACKETS.exec(text); found !== null; found = BRACKETS.exec(text)) {
    const c = text.charCodeAt(found.index);
    if (c === 91 || c === 123) {
      depth++;
      if (depth > max.depth) max = { depth, at: found.index };
    } else if (depth > 0) depth--;
  }
  return max;
}
