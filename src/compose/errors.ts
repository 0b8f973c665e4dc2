import { BerthError, type ErrorCode } from "../shared/errors.js";
import type { SourceLocation, SourceMap } from "./source-map.js";
import { formatPath, type TreePath } from "./tree.js";

/** One problem found in a compose project, located as precisely as the loader knows. */
export interface ComposeIssue {
  /** Key path in user terms, e.g. `services.web.ports[0]`; empty for the file as a whole. */
  path: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/** Every problem found while loading a compose project; all are reported at once. */
export class ComposeError extends BerthError {
  readonly issues: ComposeIssue[];

  constructor(issues: ComposeIssue[], options: { cause?: unknown; code?: ErrorCode } = {}) {
    super(options.code ?? "COMPOSE_INVALID", summarize(issues), {
      details: { issues },
      cause: options.cause,
    });
    this.issues = issues;
  }
}

/** The circular chain of services that depend on each other. */
export class DependencyCycleError extends ComposeError {
  readonly cycle: string[];

  constructor(cycle: string[], issue: Omit<ComposeIssue, "message">) {
    super([{ ...issue, message: `dependency cycle detected: ${cycle.join(" -> ")}` }], {
      code: "DEPENDENCY_CYCLE",
    });
    this.cycle = cycle;
  }
}

/** Builds an issue for `path`, locating it through `sources` when given. */
export function issueAt(
  path: TreePath,
  message: string,
  sources?: SourceMap,
  fallbackFile?: string,
): ComposeIssue {
  const location: SourceLocation | undefined = sources?.find(path);
  const issue: ComposeIssue = { path: formatPath(path), message };
  if (location) {
    issue.file = location.file;
    issue.line = location.line;
    issue.column = location.column;
  } else if (fallbackFile !== undefined) {
    issue.file = fallbackFile;
  }
  return issue;
}

/** One line per issue: `file:line:column: path: message`. */
export function formatIssue(issue: ComposeIssue): string {
  const where: string[] = [];
  if (issue.file !== undefined) {
    let place = issue.file;
    if (issue.line !== undefined) place += `:${issue.line}`;
    if (issue.column !== undefined) place += `:${issue.column}`;
    where.push(place);
  }
  if (issue.path !== "") where.push(issue.path);
  return where.length > 0 ? `${where.join(": ")}: ${issue.message}` : issue.message;
}

function summarize(issues: ComposeIssue[]): string {
  if (issues.length === 1 && issues[0]) return formatIssue(issues[0]);
  return [
    `${issues.length} problems in the compose project:`,
    ...issues.map((i) => `  ${formatIssue(i)}`),
  ].join("\n");
}
