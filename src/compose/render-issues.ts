import { type ComposeIssue, formatIssue } from "./errors.js";

/** How to render issues: where source text comes from, and whether to use ANSI colors. */
export interface RenderIssuesOptions {
  /** The text of a file named by an issue, or undefined when it is not known. */
  readSource: (file: string) => string | undefined;
  color: boolean;
}

const BOLD = "\u001b[1m";
const RED_BOLD = "\u001b[1;31m";
const DIM = "\u001b[2m";
const RESET = "\u001b[0m";

/**
 * Renders issues as compilers do: per issue a `file:line:column: path: message` line, then (when
 * the source is known) the offending line with a gutter and a caret under the column. Blocks are
 * separated by blank lines, in the order given.
 */
export function renderIssues(issues: readonly ComposeIssue[], options: RenderIssuesOptions): string {
  const lines = new Map<string, string[] | undefined>();
  const linesOf = (file: string): string[] | undefined => {
    if (!lines.has(file)) lines.set(file, options.readSource(file)?.split(/\r?\n/));
    return lines.get(file);
  };
  return issues.map((issue) => renderIssue(issue, linesOf, options.color)).join("\n\n");
}

function renderIssue(
  issue: ComposeIssue,
  linesOf: (file: string) => string[] | undefined,
  color: boolean,
): string {
  const paint = (style: string, text: string): string => (color ? `${style}${text}${RESET}` : text);
  const header = paint(BOLD, formatIssue(issue));
  if (issue.file === undefined || issue.line === undefined) return header;
  const source = linesOf(issue.file)?.[issue.line - 1];
  if (source === undefined) return header;
  const number = String(issue.line);
  const blank = " ".repeat(number.length);
  const out = [header, paint(DIM, `${blank} |`), `${paint(DIM, `${number} |`)} ${source}`.trimEnd()];
  if (issue.column !== undefined) {
    const column = Math.min(Math.max(issue.column, 1), source.length + 1);
    // Keep tabs from the source so the caret lines up however the terminal expands them.
    const pad = source.slice(0, column - 1).replace(/[^\t]/g, " ");
    out.push(`${paint(DIM, `${blank} |`)} ${pad}${paint(RED_BOLD, "^")}`);
  }
  return out.join("\n");
}
