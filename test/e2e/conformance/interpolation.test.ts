// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ComposeError } from "../../../src/compose/errors.js";
import { lookupIn } from "../../../src/compose/host.js";
import {
  type CastRule,
  castTypedValues,
  interpolateTree,
  substitute,
  toBoolean,
  toInteger,
} from "../../../src/compose/interpolate/index.js";
import type { RawValue } from "../../../src/compose/tree.js";

const casesFile = join(
  import.meta.dirname,
  "../../../../shared/conformance/compose-go/interpolation/template.cases.yaml",
);

type Env = Record<string, string>;

interface StringCase {
  env: string | Env;
  template: string;
  expected?: string;
  error_contains?: string;
  from: string;
}

interface TreeCase {
  from: string;
  env_values: Env;
  input: RawValue;
  expected?: RawValue;
  error_contains?: string;
}

interface CasesFile {
  envs: Record<string, Env>;
  cases: StringCase[];
  tree_cases: TreeCase[];
}

const data = parse(readFileSync(casesFile, "utf8")) as CasesFile;

/** Cases this implementation does not pass yet, with the reason; each is asserted to still fail. */
const knownGaps: Record<string, string> = {};

function envOf(testCase: StringCase): Env {
  if (typeof testCase.env !== "string") return testCase.env;
  const env = data.envs[testCase.env];
  if (!env) throw new Error(`unknown env ${testCase.env}`);
  return env;
}

function caseName(testCase: StringCase, index: number): string {
  const env = typeof testCase.env === "string" ? testCase.env : JSON.stringify(testCase.env);
  return `#${index} [${env}] ${JSON.stringify(testCase.template)} (${testCase.from.split(" ").pop()})`;
}

function runStringCase(testCase: StringCase): void {
  const lookup = lookupIn(envOf(testCase));
  if (testCase.error_contains !== undefined) {
    let caught: unknown;
    try {
      substitute(testCase.template, lookup);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComposeError);
    expect((caught as ComposeError).message).toContain(testCase.error_contains);
    return;
  }
  expect(substitute(testCase.template, lookup)).toBe(testCase.expected);
}

describe("compose-go interpolation: string templates", () => {
  it("has the 96 string cases SOURCES.md announces", () => {
    expect(data.cases).toHaveLength(96);
  });

  data.cases.forEach((testCase, index) => {
    const name = caseName(testCase, index);
    const gap = knownGaps[name];
    if (gap !== undefined) {
      it(`${name} — known gap: ${gap}`, () => {
        expect(() => runStringCase(testCase)).toThrow();
      });
    } else {
      it(name, () => runStringCase(testCase));
    }
  });

  it("lists no known gap that matches no case", () => {
    const names = new Set(data.cases.map(caseName));
    expect(Object.keys(knownGaps).filter((name) => !names.has(name))).toEqual([]);
  });
});

// compose-go's TestInterpolateWithCast uses its own mapping: `*.replicas` to int, `*.required` to bool.
const testCastRules: readonly CastRule[] = [
  { pattern: ["*", "replicas"], cast: toInteger },
  { pattern: ["*", "required"], cast: toBoolean },
];

describe("compose-go interpolation: whole trees", () => {
  it("has the 3 tree cases SOURCES.md announces", () => {
    expect(data.tree_cases).toHaveLength(3);
  });

  data.tree_cases.forEach((testCase, index) => {
    it(`#${index} ${testCase.from}`, () => {
      const lookup = lookupIn(testCase.env_values);
      if (testCase.error_contains !== undefined) {
        expect(() => interpolateTree(testCase.input, { lookup })).toThrow(ComposeError);
        expect(() => interpolateTree(testCase.input, { lookup })).toThrow(testCase.error_contains);
        return;
      }
      const interpolated = interpolateTree(testCase.input, { lookup });
      expect(castTypedValues(interpolated, { rules: testCastRules })).toEqual(testCase.expected);
    });
  });
});
