// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseDotenv } from "../../../src/compose/dotenv/index.js";
import { ComposeError } from "../../../src/compose/errors.js";
import { lookupIn } from "../../../src/compose/host.js";

const root = join(import.meta.dirname, "../../../../shared/conformance/compose-go/dotenv");

interface FileCase {
  file: string;
  os_env: Record<string, string>;
  lookup_os_env?: boolean;
  expected_exact?: Record<string, string>;
  expected_subset?: Record<string, string>;
  expected_absent?: string[];
  expect_no_error?: boolean;
  error_contains?: string;
  from: string;
}

interface LineCase {
  input: string;
  key: string;
  value: string;
}

interface ExpansionCase {
  input: string;
  expected: Record<string, string>;
}

interface ExpectedFile {
  file_cases: FileCase[];
  line_cases: { cases: LineCase[] };
  expansion_cases: { cases: ExpansionCase[] };
  must_fail: {
    format_error: string[];
    unterminated_quote_error_contains: string;
    unterminated_quote_inputs: string[];
  };
}

const data = parse(readFileSync(join(root, "expected.yaml"), "utf8")) as ExpectedFile;

/** Cases this implementation does not pass yet, with the reason; each is asserted to still fail. */
const knownGaps: Record<string, string> = {};

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

/**
 * compose-go words errors `line 7: key cannot contain a space`; berth puts the line in the issue's
 * `line` field (shown as `file:7:`) and keeps the rest as the message. Check both parts.
 */
function expectIssue(error: unknown, expected: string): void {
  expect(error).toBeInstanceOf(ComposeError);
  const issue = (error as ComposeError).issues[0];
  const match = /^line (\d+): (.*)$/.exec(expected);
  if (match) {
    expect(issue?.line).toBe(Number(match[1]));
    expect(issue?.message).toContain(match[2]);
  } else {
    expect(issue?.message).toContain(expected);
  }
}

function runFileCase(testCase: FileCase): void {
  const file = join(root, testCase.file);
  const text = readFileSync(file, "utf8");
  const options = { file, ...(testCase.lookup_os_env ? { lookup: lookupIn(testCase.os_env) } : {}) };
  if (testCase.error_contains !== undefined) {
    expectIssue(
      caught(() => parseDotenv(text, options)),
      testCase.error_contains,
    );
    return;
  }
  const result = parseDotenv(text, options);
  if (testCase.expected_exact) expect(result).toEqual(testCase.expected_exact);
  if (testCase.expected_subset) expect(result).toMatchObject(testCase.expected_subset);
  for (const key of testCase.expected_absent ?? []) expect(Object.hasOwn(result, key)).toBe(false);
}

const caseNames = new Set<string>();

function withGap(name: string, run: () => void): void {
  caseNames.add(name);
  const gap = knownGaps[name];
  if (gap === undefined) it(name, run);
  else it(`${name} — known gap: ${gap}`, () => expect(run).toThrow());
}

describe("compose-go dotenv: fixture files", () => {
  it("has the 15 file cases SOURCES.md announces", () => {
    expect(data.file_cases).toHaveLength(15);
  });
  data.file_cases.forEach((testCase, index) => {
    const lookup = testCase.lookup_os_env ? ` with os env ${JSON.stringify(testCase.os_env)}` : "";
    withGap(`#${index} ${testCase.file}${lookup} (${testCase.from.split(" ").pop()})`, () =>
      runFileCase(testCase),
    );
  });
});

describe("compose-go dotenv: single lines", () => {
  it("has the 51 single-line cases SOURCES.md announces", () => {
    expect(data.line_cases.cases).toHaveLength(51);
  });
  data.line_cases.cases.forEach((testCase, index) => {
    withGap(`#${index} ${JSON.stringify(testCase.input)}`, () => {
      const result = parseDotenv(testCase.input, { file: ".env" });
      expect(Object.hasOwn(result, testCase.key)).toBe(true);
      expect(result[testCase.key]).toBe(testCase.value);
    });
  });
});

describe("compose-go dotenv: variable expansion", () => {
  it("has the 10 expansion cases SOURCES.md announces", () => {
    expect(data.expansion_cases.cases).toHaveLength(10);
  });
  data.expansion_cases.cases.forEach((testCase, index) => {
    withGap(`#${index} ${JSON.stringify(testCase.input)}`, () => {
      expect(parseDotenv(testCase.input, { file: ".env" })).toMatchObject(testCase.expected);
    });
  });
});

describe("compose-go dotenv: inputs that must fail", () => {
  for (const input of data.must_fail.format_error) {
    withGap(`format error ${JSON.stringify(input)}`, () => {
      expectIssue(
        caught(() => parseDotenv(input, { file: ".env" })),
        "unexpected character",
      );
    });
  }
  for (const input of data.must_fail.unterminated_quote_inputs) {
    withGap(`unterminated ${JSON.stringify(input)}`, () => {
      expectIssue(
        caught(() => parseDotenv(input, { file: ".env" })),
        data.must_fail.unterminated_quote_error_contains,
      );
    });
  }
});

describe("known gaps", () => {
  it("lists no known gap that matches no case", () => {
    expect(caseNames.size).toBe(15 + 51 + 10 + 1 + 8);
    expect(Object.keys(knownGaps).filter((name) => !caseNames.has(name))).toEqual([]);
  });
});
