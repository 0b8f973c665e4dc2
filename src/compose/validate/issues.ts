import type { z } from "zod";
import type { ComposeIssue } from "../errors.js";

type ZodIssue = z.core.$ZodIssue;
type Key = string | number;

/** A problem found by a schema, before it is located in a file. */
export interface Finding {
  path: Key[];
  message: string;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  null: "null",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

/** Turns zod issues (parsed with `reportInput: true`) into plain findings under `base`. */
export function explainIssues(issues: readonly ZodIssue[], base: readonly Key[]): Finding[] {
  return issues.flatMap((issue) => explain(issue, base));
}

function explain(issue: ZodIssue, base: readonly Key[]): Finding[] {
  const path = [...base, ...issue.path.map(toKey)];
  if (isMissing(issue) && path.length > base.length) {
    return [{ path: path.slice(0, -1), message: `missing required property "${String(path.at(-1))}"` }];
  }
  switch (issue.code) {
    case "invalid_type":
      return [{ path, message: `must be ${typeWord(issue.expected)}` }];
    case "invalid_value":
      return [{ path, message: `must be one of: ${issue.values.map(formatValue).join(", ")}` }];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `additional property "${key}" is not allowed`,
      }));
    case "invalid_union":
      return explainUnion(issue.errors, issue.input, path);
    case "too_small":
    case "too_big":
    case "invalid_format":
    case "custom":
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** A key or element the schema requires but the input lacks (its input is undefined). */
function isMissing(issue: ZodIssue): boolean {
  if (issue.input !== undefined) return false;
  return issue.code === "invalid_type" || issue.code === "invalid_union" || issue.code === "invalid_value";
}

function explainUnion(branches: readonly ZodIssue[][], input: unknown, path: Key[]): Finding[] {
  // Prefer a branch whose shape matched the input: its inner problems say more than "wrong type".
  let best: ZodIssue[] | undefined;
  for (const branch of branches) {
    if (isTypeMismatch(branch, input)) continue;
    if (best === undefined || branch.length < best.length) best = branch;
  }
  if (best !== undefined) return explainIssues(best, path);
  const words = [...new Set(branches.flatMap(expectations))];
  return [{ path, message: `must be ${joinOr(words)}` }];
}

function isTypeMismatch(branch: readonly ZodIssue[], input: unknown): boolean {
  if (branch.length !== 1) return false;
  const [only] = branch;
  if (only === undefined || only.path.length > 0) return false;
  if (only.code === "invalid_type") return true;
  if (only.code === "invalid_value") return !only.values.some((v) => typeof v === typeof input);
  if (only.code === "invalid_union") return only.errors.every((b) => isTypeMismatch(b, input));
  return false;
}

function expectations(branch: readonly ZodIssue[]): string[] {
  return branch.flatMap((issue) => {
    if (issue.code === "invalid_type") return [typeWord(issue.expected)];
    if (issue.code === "invalid_value") return issue.values.map(formatValue);
    if (issue.code === "invalid_union") return issue.errors.flatMap(expectations);
    return [];
  });
}

function typeWord(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

function formatValue(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

function joinOr(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? "valid";
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function toKey(part: PropertyKey): Key {
  return typeof part === "number" ? part : String(part);
}

/** Sorts issues by file, line, column (then path and message) and drops exact duplicates. */
export function sortIssues(issues: readonly ComposeIssue[]): ComposeIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = JSON.stringify([issue.file, issue.line, issue.column, issue.path, issue.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(compareIssues);
}

function compareIssues(a: ComposeIssue, b: ComposeIssue): number {
  return (
    compareText(a.file, b.file) ||
    (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
    (a.column ?? Number.MAX_SAFE_INTEGER) - (b.column ?? Number.MAX_SAFE_INTEGER) ||
    compareText(a.path, b.path) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
