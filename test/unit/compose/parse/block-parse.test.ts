import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYamlText, stringify } from "yaml";
import { generateProject } from "../../../../src/bench/generate-project.js";
import { parsePlainBlockOrDecline } from "../../../../src/compose/parse/block-fast-parse.js";
import { parseCarefully } from "../../../../src/compose/parse/careful-parse.js";
import { Decline } from "../../../../src/compose/parse/js-yaml-nodes.js";
import type { ParsedFile } from "../../../../src/compose/parse/parsed-file.js";
import { type RawValue, TaggedValue } from "../../../../src/compose/tree.js";
import { randomBlockYaml } from "./block-yaml-gen.js";
import { carefulReadingOf, expectSameLocations, mutatedTexts, yaml } from "./parse-helpers.js";
import { SEEDS } from "./yaml-seeds.js";

/** The block parser's result for a text, or undefined when it declines (any other throw fails). */
function readBlock(text: string): ParsedFile | undefined {
  try {
    return parsePlainBlockOrDecline(text, "compose.yaml");
  } catch (error: unknown) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

/** A tree written out with everything that tells values apart: kinds, tags, key order, -0 and NaN. */
function render(value: RawValue): string {
  if (value instanceof TaggedValue) return `${value.tag}(${render(value.value)})`;
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const prototype = Object.getPrototypeOf(value) === Object.prototype ? "" : "(odd prototype)";
  const entries = Object.keys(value).map((key) => `${JSON.stringify(key)}: ${render(value[key] ?? null)}`);
  return `${prototype}{${entries.join(", ")}}`;
}

/** Same tree (tags, kinds and key order included) and, when asked, the same locations. */
function expectSame(block: ParsedFile, careful: ParsedFile, text: string, locations: boolean): void {
  expect(render(block.value), JSON.stringify(text)).toBe(render(careful.value));
  if (locations) expectSameLocations(block, careful);
}

/** The block parser declines a text, or reads it exactly as the careful path; true when it read it. */
function agreesWithCareful(text: string, locations = false): boolean {
  const block = readBlock(text);
  if (block === undefined) return false;
  const careful = carefulReadingOf(text, "block parser");
  expectSame(block, careful, text, locations);
  return true;
}

/** YAML files of the examples, the e2e fixtures and the conformance corpus, and the inline files of its case lists. */
function corpus(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = readFileSync(path, "utf8");
        out.push([path, text]);
        if (entry.name.endsWith(".cases.yaml")) out.push(...inlineFiles(path, text));
      }
    }
  };
  const repo = join(import.meta.dirname, "../../../..");
  for (const dir of [join(repo, "examples"), join(repo, "test/e2e"), "/work/shared/conformance"]) {
    try {
      walk(dir);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return out;
}

function inlineFiles(path: string, text: string): [string, string][] {
  const out: [string, string][] = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node))
      node.forEach((item, index) => {
        visit(item, `${where}[${index}]`);
      });
    else if (typeof node === "object" && node !== null)
      for (const [key, value] of Object.entries(node)) {
        if (key === "content" && typeof value === "string") out.push([`${path} ${where}`, value]);
        else visit(value, `${where}.${key}`);
      }
  };
  visit(parseYamlText(text), "");
  return out;
}

const FIXED = [
  yaml("a: 1", "b:", "  - x", "  - y: 2", "    z: [1, 'two', \"three\"]", "c: {k: v, 'q': \"w\"}"),
  yaml("a:", "- 1", "- 2", "b: 3"),
  yaml("x: &x", "  k: v", "y:", "  <<: *x", "  k: w", "z:", "  <<: [*x, *x]"),
  yaml("a: !reset", "b: !override [1]", "c: !reset {}", "d: &d !reset x", "e: *d"),
  yaml("a: |", "  one", "", "  two", "b: >-", "  folded", "  text", "", "  para", "c: |-", "   x"),
  yaml("---", "# c", "a: 'it''s' # c", 'b: "q\\"\\\\\\n\\t"', "c: a#b", "d: x ]"),
  yaml("k: v", "", "  # indented comment", "k2: ~"),
  "a:\r\n  b: 1\r\n  c: |\r\n    x\r\n",
  "\uFEFFa: 1\n",
  yaml("s:", "  - a: 1", "    b:", "      - x", "  -", "  - &n 3", "  - *n"),
];

describe("the plain block parser", () => {
  it.each(SEEDS.map((text, index) => [index, text] as const))(
    "reads seed %i as the careful path, or declines it",
    (_, text) => {
      agreesWithCareful(text, true);
    },
  );

  it.each(FIXED.map((text, index) => [index, text] as const))(
    "reads fixed case %i exactly as the careful path",
    (_, text) => {
      expect(agreesWithCareful(text, true)).toBe(true);
    },
  );

  it("reads a generated bench project (100 services) exactly as the careful path", () => {
    for (const [name, text] of Object.entries(generateProject(100))) {
      expect(agreesWithCareful(text), name).toBe(true);
    }
  });

  it("reads the examples and the conformance corpus as the careful path, or declines", () => {
    const files = corpus();
    expect(files.length).toBeGreaterThan(50);
    let read = 0;
    for (const [, text] of files) {
      let rejected = false;
      try {
        parseCarefully(text, "compose.yaml");
      } catch {
        rejected = true;
      }
      if (rejected) expect(readBlock(text)).toBeUndefined();
      else if (agreesWithCareful(text)) read++;
    }
    // Most real files are plain block YAML: the parser must read them, not decline them all.
    expect(read).toBeGreaterThan(files.length / 2);
  });

  it("declines files with problems or forms it does not model", () => {
    for (const text of [
      yaml("a: 1", "a: 2"),
      yaml("a: *nope"),
      yaml("a: !foo 1"),
      yaml("x: &x [a, *x]"),
      yaml("x: &x", "  y: *x"),
      yaml("a: 1", "---", "b: 2"),
      yaml("- a"),
      yaml("a: b: c"),
      yaml("a: [[1]]"),
      yaml("a: 'multi", "  line'"),
      yaml("a: plain", "  continued"),
      yaml("a:\tb"),
      yaml("<<: *x"),
      "",
    ]) {
      expect(readBlock(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("agrees with the careful path on generated block YAML", () => {
    let read = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        if (agreesWithCareful(randomBlockYaml(seed))) read++;
      }),
      { numRuns: 2000 },
    );
    // The generator must reach the parser's accepting paths, not only its declines. About 350 of the
    // 2000 random documents are read (binomial, sd ~17): 300 failed about once in a thousand runs.
    expect(read).toBeGreaterThan(200);
  });

  it("agrees with the careful path on mutated compose files", () => {
    fc.assert(
      fc.property(
        mutatedTexts([...SEEDS, ...FIXED], /^[a-z0-9 :\-[\]{}&*!<>|,'"#~.\n\r\t]{0,4}$/),
        (text) => {
          agreesWithCareful(text);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("agrees with the careful path on any JSON tree written as YAML", () => {
    const tree = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }));
    const style = fc.constantFrom(
      "PLAIN" as const,
      "QUOTE_DOUBLE" as const,
      "QUOTE_SINGLE" as const,
      "BLOCK_LITERAL" as const,
      "BLOCK_FOLDED" as const,
    );
    fc.assert(
      fc.property(tree, style, (value, defaultStringType) => {
        agreesWithCareful(stringify(value, { defaultStringType, collectionStyle: "block" }));
      }),
      { numRuns: 500 },
    );
  });
});
