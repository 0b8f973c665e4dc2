import { LineCounter, type ParsedNode, parseDocument, type YAMLError } from "yaml";
import { ComposeError, type ComposeIssue } from "../errors.js";
import { SourceMap } from "../source-map.js";
import { isRawMap, type RawValue } from "../tree.js";
import { type ConvertContext, convertNode } from "./convert.js";
import { Locator, ParseAbort } from "./locate.js";
import { MAX_DEPTH, surveyDocument } from "./survey.js";

/** One compose file parsed into a raw tree, with where each value was written. */
export interface ParsedFile {
  /** The top-level mapping, or null for an empty file (only comments, or nothing). */
  value: RawValue;
  /** Locations by tree path. Values reached through an alias sit at the alias; what is inside them,
   * and entries merged by `<<`, sit where they are written (in the anchored node). */
  sources: SourceMap;
}

/** Aliases may expand the document to this many times its written node count (and at least MIN). */
const EXPANSION_FACTOR = 100;
const MIN_EXPANSION = 50_000;

/**
 * Parses the text of one compose file (YAML 1.2 core schema with yaml.v3's habits, anchors,
 * aliases, `<<` merge keys, `!reset`/`!override` tags). Throws ComposeError with every problem found.
 */
export function parseYaml(text: string, file: string): ParsedFile {
  const lines = new LineCounter();
  const locator = new Locator(file, lines);
  const flowDepth = maxBracketDepth(text);
  if (flowDepth.depth > MAX_DEPTH) {
    lines.addNewLine(0);
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") lines.addNewLine(i + 1);
    throw new ComposeError([
      locator.issue([], flowDepth.at, `nesting too deep (more than ${MAX_DEPTH} levels)`),
    ]);
  }
  const root = parseRoot(text, file, lines, locator);
  const sources = new SourceMap();
  if (root === null) return { value: null, sources };
  try {
    const survey = surveyDocument(root, locator);
    const ctx: ConvertContext = {
      locator,
      targets: survey.targets,
      issues: [...survey.issues],
      budget: { used: 0, limit: Math.max(MIN_EXPANSION, EXPANSION_FACTOR * survey.nodeCount) },
      active: new Set(),
      aliasTrail: [],
      record: (path, offset) => sources.set(path, locator.at(offset)),
    };
    ctx.record([], root.range[0]);
    const value = convertNode(root, [], ctx);
    if (value !== null && !isRawMap(value)) {
      ctx.issues.push(locator.issue([], root.range[0], "top-level object must be a mapping"));
    }
    if (ctx.issues.length > 0) throw new ComposeError(tidy(ctx.issues));
    return { value, sources };
  } catch (error: unknown) {
    if (error instanceof ParseAbort) throw new ComposeError([error.issue]);
    throw error;
  }
}

function parseRoot(text: string, file: string, lines: LineCounter, locator: Locator): ParsedNode | null {
  let errors: YAMLError[];
  let root: ParsedNode | null;
  try {
    const doc = parseDocument(text, {
      lineCounter: lines,
      schema: "failsafe",
      version: "1.2",
      merge: false,
      uniqueKeys: false,
      prettyErrors: false,
      keepSourceTokens: false,
    });
    errors = doc.errors;
    root = doc.contents;
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ComposeError([{ path: "", file, message: `cannot parse YAML: ${reason}` }], { cause: error });
  }
  if (errors.length > 0) throw new ComposeError(tidy(errors.map((e) => yamlIssue(e, locator))));
  return root;
}

function yamlIssue(error: YAMLError, locator: Locator): ComposeIssue {
  const message =
    error.code === "MULTIPLE_DOCS"
      ? "a compose file must hold one YAML document, but a second one starts here"
      : error.code === "RESOURCE_EXHAUSTION"
        ? `YAML too deeply nested (${error.message})`
        : error.message;
  return locator.issue([], error.pos[0], message);
}

/** Sorted by position, without repeats (a problem inside an anchor may be met once per alias). */
function tidy(issues: ComposeIssue[]): ComposeIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = `${issue.line}:${issue.column}:${issue.path}:${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * An upper bound of the flow nesting (`[` and `{`), checked before the yaml package sees the text:
 * its recursive composer can exhaust the stack on pathological input.
 */
function maxBracketDepth(text: string): { depth: number; at: number } {
  let depth = 0;
  let max = { depth: 0, at: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      depth++;
      if (depth > max.depth) max = { depth, at: i };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}
