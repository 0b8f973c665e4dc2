import type { LineCounter } from "yaml";
import type { ComposeIssue } from "../errors.js";
import type { SourceLocation } from "../source-map.js";
import { formatPath, type TreePath } from "../tree.js";

/** Turns character offsets of one file into 1-based locations and located issues. */
export class Locator {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  /** The 1-based line and column of a character offset. */
  at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** An issue for `path`, located at a character offset. */
  issue(path: TreePath, offset: number, message: string): ComposeIssue {
    const { file, line, column } = this.at(offset);
    return { path: formatPath(path), file, line, column, message };
  }
}

/** Stops parsing at once (alias bombs, runaway nesting): the issue is reported alone. */
export class ParseAbort extends Error {
  constructor(readonly issue: ComposeIssue) {
    super(issue.message);
  }
}
