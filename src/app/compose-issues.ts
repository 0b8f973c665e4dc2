import { ComposeError, type ComposeIssue } from "../compose/errors.js";

export type { ComposeIssue } from "../compose/errors.js";
export { renderIssues } from "../compose/render-issues.js";

/** The issues of a compose error, or undefined for any other error. */
export function composeIssuesOf(error: unknown): ComposeIssue[] | undefined {
  return error instanceof ComposeError ? error.issues : undefined;
}
