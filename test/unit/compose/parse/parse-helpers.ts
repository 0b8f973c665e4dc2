import fc from "fast-check";
import { expect } from "vitest";
import { ComposeError, type ComposeIssue } from "../../../../src/compose/errors.js";
import { parseCarefully } from "../../../../src/compose/parse/careful-parse.js";
import { parseYaml } from "../../../../src/compose/parse/parse-yaml.js";
import type { ParsedFile } from "../../../../src/compose/parse/parsed-file.js";
import { type RawValue, TaggedValue, type TreePath } from "../../../../src/compose/tree.js";

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

/** Seed texts with 1-3 random edits (a few characters removed, up to 4 of `alphabet` inserted). */
export function mutatedTexts(seeds: readonly string[], alphabet: RegExp): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.stringMatching(alphabet) });
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 3 }))
    .map(([seed, edits]) => {
      let text = seed;
      for (const { at, remove, insert } of edits) {
        const where = at % (text.length + 1);
        text = text.slice(0, where) + insert + text.slice(where + remove);
      }
      return text;
    });
}

/** Every path of a raw tree (through tags) in key order, the root first. */
export function pathsOf(value: RawValue, path: TreePath = [], out: TreePath[] = []): TreePath[] {
  out.push(path);
  const inner = value instanceof TaggedValue ? value.value : value;
  if (Array.isArray(inner)) {
    inner.forEach((item, index) => {
      pathsOf(item, [...path, index], out);
    });
  } else if (typeof inner === "object" && inner !== null && !(inner instanceof TaggedValue))
    for (const key of Object.keys(inner)) pathsOf(inner[key] ?? null, [...path, key], out);
  return out;
}

/** The careful path's reading of a text another path accepted (`who` names that path); fails when it rejects it. */
export function carefulReadingOf(text: string, who: string): ParsedFile {
  try {
    return parseCarefully(text, "compose.yaml");
  } catch (error: unknown) {
    if (error instanceof ComposeError)
      throw new Error(
        `${who} accepted a text the careful path rejects: ${JSON.stringify(text)}: ${error.message}`,
      );
    throw error;
  }
}

/** Both files locate every path of the careful tree alike, and hold as many locations. */
export function expectSameLocations(file: ParsedFile, careful: ParsedFile): void {
  const paths = pathsOf(careful.value);
  const located = (parsed: ParsedFile) => paths.map((path) => [String(path), parsed.sources.get(path)]);
  expect(located(file)).toEqual(located(careful));
  expect(file.sources.size).toBe(careful.sources.size);
}
