import { LineCounter, type ParsedNode, parseDocument, type YAMLError } from "yaml";
import { ComposeError, type ComposeIssue } from "../errors.js";
import { type SourceLocation, SourceMap } from "../source-map.js";
import { isRawMap, type RawValue, type TreePath } from "../tree.js";
import { type ConvertContext, convertNode } from "./convert.js";
import { Locator, ParseAbort } from "./locate.js";
import type { ParsedFile } from "./parsed-file.js";
import { surveyDocument } from "./survey.js";

/** Aliases may expand the document to this many times its written node count (and at least MIN). */
export const EXPANSION_FACTOR = 100;
/** The smallest alias expansion budget, in nodes. */
export const MIN_EXPANSION = 50_000;

/**
 * Parses one compose file with the `yaml` package, collecting every problem with yaml's own
 * messages. The slow, thorough path: used when the faster paths decline a file (see parse-yaml.ts).
 */
export function parseCarefully(text: string, file: string): ParsedFile {
  const sources = new SourceMap();
  const value = convertCarefully(text, file, (path, location) => sources.set(path, location));
  return { value, sources };
}

/**
 * Like parseCarefully, but hands each location to `record` (a later call for the same path wins)
 * instead of building a SourceMap, and returns the tree alone.
 */
export function convertCarefully(
  text: string,
  file: string,
  record: (path: TreePath, location: SourceLocation) => void,
): RawValue {
  const lines = new LineCounter();
  const locator = new Locator(file, lines);
  const root = parseRoot(text, file, lines, locator);
  if (root === null) return null;
  try {
    const survey = surveyDocument(root, locator);
    const ctx: ConvertContext = {
      locator,
      targets: survey.targets,
      issues: [...survey.issues],
      budget: { used: 0, limit: Math.max(MIN_EXPANSION, EXPANSION_FACTOR * survey.nodeCount) },
      active: new Set(),
      aliasTrail: [],
      record: (path, offset) => record(path, locator.at(offset)),
    };
    ctx.record([], root.range[0]);
    const value = convertNode(root, [], ctx);
    if (value !== null && !isRawMap(value)) {
      ctx.issues.push(locator.issue([], root.range[0], "top-level object must be a mapping"));
    }
    if (ctx.issues.length > 0) throw new ComposeError(tidy(ctx.issues));
    return value;
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
