import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { enforceUnicity, mergeTrees } from "../../../src/compose/merge/index.js";
import type { RawValue } from "../../../src/compose/tree.js";

// Every case of compose-go's override tests, restated as data in ../shared/conformance (see SOURCES.md):
// kind `merge`: enforceUnicity(mergeTrees(base, override)) deep-equals expected;
// kind `unicity`: enforceUnicity(input) deep-equals expected.
const dir = join(import.meta.dirname, "../../../../shared/conformance/compose-go/override");

interface Case {
  name: string;
  kind: "merge" | "unicity";
  base?: string;
  override?: string;
  input?: string;
  expected: string;
}

/** Cases we do not pass yet, with the reason; each is asserted to still fail so the list cannot rot. */
const knownGaps: Record<string, string> = {};

function yamlTree(text: string | undefined): RawValue {
  if (text === undefined) throw new Error("case is missing a YAML document");
  return parse(text) as RawValue;
}

function actual(c: Case): RawValue {
  if (c.kind === "unicity") return enforceUnicity(yamlTree(c.input));
  return enforceUnicity(mergeTrees(yamlTree(c.base), yamlTree(c.override)));
}

const files = readdirSync(dir)
  .filter((name) => name.endsWith(".cases.yaml"))
  .sort();

describe("compose-go override conformance", () => {
  it("finds the 22 case files and 72 cases of the corpus", () => {
    const count = files.reduce(
      (n, file) => n + (parse(readFileSync(join(dir, file), "utf8")) as { cases: Case[] }).cases.length,
      0,
    );
    expect(files).toHaveLength(22);
    expect(count).toBe(72);
  });

  for (const file of files) {
    const { cases } = parse(readFileSync(join(dir, file), "utf8")) as { cases: Case[] };
    for (const c of cases) {
      const name = `${file}: ${c.name}`;
      const gap = knownGaps[name];
      if (gap === undefined) {
        it(name, () => {
          expect(actual(c)).toEqual(yamlTree(c.expected));
        });
      } else {
        it(`${name} (known gap: ${gap})`, () => {
          expect(actual(c)).not.toEqual(yamlTree(c.expected));
        });
      }
    }
  }
});
