import { type ComposeIssue, issueAt } from "../errors.js";
import type { SourceMap } from "../source-map.js";
import type { RawValue } from "../tree.js";
import { explainIssues, sortIssues } from "./issues.js";
import { precheckOf } from "./schema/precheck.js";
import { project } from "./schema/project.js";

/** Checks a merged, interpolated raw tree against the Compose Specification; returns every problem, sorted. */
export function validateProject(tree: RawValue, sources: SourceMap): ComposeIssue[] {
  // The pre-check passes only what zod surely accepts: zod runs only to build a report of problems.
  if (precheckOf(project)(tree)) return [];
  const result = project.safeParse(tree, { reportInput: true });
  if (result.success) return [];
  const found = explainIssues(result.error.issues, []);
  return sortIssues(found.map((finding) => issueAt(finding.path, finding.message, sources)));
}
