import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generateProject } from "../../../../src/bench/generate-project.js";
import { parseCarefully } from "../../../../src/compose/parse/careful-parse.js";
import { parseFast, parseFastOrDecline } from "../../../../src/compose/parse/fast-parse.js";
import type { ParsedFile } from "../../../../src/compose/parse/parsed-file.js";
import { carefulReadingOf, expectSameLocations, mutatedTexts, yaml } from "./parse-helpers.js";
import { SEEDS } from "./yaml-seeds.js";

function expectSame(fast: ParsedFile, careful: ParsedFile): void {
  expect(fast.value).toEqual(careful.value);
  expectSameLocations(fast, careful);
}

/** The js-yaml path may decline a text, but what it returns is what the careful path returns. */
function agreesWithCareful(text: string): void {
  const fast = parseFast(text, "compose.yaml");
  if (fast === undefined) return;
  const careful = carefulReadingOf(text, "fast path");
  expectSame(fast, careful);
}

describe("the js-yaml path", () => {
  it.each(SEEDS.map((text, index) => [index, text] as const))(
    "reads seed %i exactly as the careful path",
    (_, text) => {
      expectSame(parseFastOrDecline(text, "compose.yaml"), parseCarefully(text, "compose.yaml"));
    },
  );

  it("reads a generated bench project (100 services) exactly as the careful path", () => {
    for (const [name, text] of Object.entries(generateProject(100))) {
      expectSame(parseFastOrDecline(text, name), parseCarefully(text, name));
    }
  });

  it("keeps a byte order mark out of the columns", () => {
    const text = `\uFEFF${yaml("services:", "  web: {image: a}")}`;
    expectSame(parseFastOrDecline(text, "f"), parseCarefully(text, "f"));
  });

  it("declines files with problems, which the careful path reports", () => {
    for (const text of [
      yaml("a: 1", "a: 2"),
      yaml("a: *nope"),
      yaml("a: !foo 1"),
      yaml("x: &x [a, *x]"),
      yaml("a: 1", "---", "b: 2"),
      yaml("- a"),
    ]) {
      expect(parseFast(text, "f")).toBeUndefined();
    }
  });

  it("agrees with the careful path on mutated compose files", () => {
    fc.assert(
      fc.property(mutatedTexts([...SEEDS], /^[a-z0-9 :\-[\]{}&*!<>|,'"#~.\n]{0,4}$/), (text) => {
        agreesWithCareful(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with the careful path on YAML-looking noise", () => {
    const noise = fc.stringMatching(/^[a-z0-9 :\-[\]{}&*!<>|,'"#~.\n]*$/, { maxLength: 120 });
    fc.assert(fc.property(noise, agreesWithCareful), { numRuns: 3000 });
  });

  it("agrees with the careful path on any JSON tree written as YAML", () => {
    const tree = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }));
    const style = fc.constantFrom(
      "PLAIN" as const,
      "QUOTE_DOUBLE" as const,
      "QUOTE_SINGLE" as const,
      "BLOCK_LITERAL" as const,
    );
    fc.assert(
      fc.property(tree, style, fc.boolean(), (value, defaultStringType, flow) => {
        agreesWithCareful(stringify(value, { defaultStringType, collectionStyle: flow ? "flow" : "block" }));
      }),
      { numRuns: 500 },
    );
  });
});
