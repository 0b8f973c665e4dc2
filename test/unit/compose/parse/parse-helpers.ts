import { expect } from "vitest";
import { ComposeError, type ComposeIssue } from "../../../../src/compose/errors.js";
import { parseYaml } from "../../../../src/compose/parse/parse-yaml.js";

/** Parses text that must be rejected and returns the issues of the ComposeError. */
export function issuesOf(text: string, file = "compose.yaml"): ComposeIssue[] {
  let caught: unknown;
  try {
    parseYaml(text, file);
  } catch (error: unknown) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ComposeError);
  return (caught as ComposeError).issues;
}

/** Lines joined with newlines, so YAML in tests can be written without template indentation. */
export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}
