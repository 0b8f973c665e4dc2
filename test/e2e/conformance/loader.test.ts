import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ComposeError } from "../../../src/compose/errors.js";
import type { LoaderHost } from "../../../src/compose/host.js";
import { loadProject } from "../../../src/compose/load/load-project.js";
import { conformanceRoot, isDirectoryOnDisk, readCorpusYaml } from "../../support/conformance.js";

interface CaseFile {
  name: string;
  content?: string;
  role?: string;
}

interface Expectation {
  path: string;
  equals?: unknown;
  equals_or_absent?: unknown;
  absent?: boolean;
  length?: number;
  not_null?: boolean;
  empty?: boolean;
}

interface LoaderCase {
  name: string;
  workdir?: string;
  env?: Record<string, string>;
  project_name?: string;
  resolve_paths?: boolean;
  skip_validation?: boolean;
  skip_normalization?: boolean;
  variants?: Record<string, string>[];
  files: CaseFile[];
  expect?: Expectation[];
  error_contains?: string;
  notes?: string;
}

/**
 * Options the Go tests set that the restated data does not carry (read from the upstream test source):
 * these cases load with SkipNormalization, so no default network is added.
 */
const unrestatedOptions: Record<string, { normalize: boolean }> = {
  TestLoadWithMultipleIncludeConflict: { normalize: false },
  TestLoadWithMultipleInclude: { normalize: false },
};

const loaderDir = join(conformanceRoot, "compose-go", "loader");
const corpus = readCorpusYaml("compose-go/loader/loader.cases.yaml") as { cases: LoaderCase[] };

/** Real files of the corpus, with the case's inline files laid over them in memory. */
function hostWith(virtual: Map<string, string>): LoaderHost {
  return {
    readFile(path) {
      if (virtual.has(path)) return virtual.get(path);
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
    isDirectory(path) {
      for (const file of virtual.keys()) if (file.startsWith(`${path}/`)) return true;
      return isDirectoryOnDisk(path);
    },
  };
}

function substituteVariant(text: string, variant: Record<string, string> | undefined): string {
  if (!variant) return text;
  return text.replace(/\$\{variant\.(\w+)\}/g, (_, key: string) => variant[key] ?? "");
}

function load(testCase: LoaderCase, variant?: Record<string, string>): unknown {
  const workdir = resolve(loaderDir, testCase.workdir ?? ".");
  const virtual = new Map<string, string>();
  const files: string[] = [];
  let stdin: string | undefined;
  testCase.files.forEach((file, index) => {
    if (file.content === undefined) {
      files.push(resolve(loaderDir, file.name));
      return;
    }
    const content = substituteVariant(file.content, variant);
    if (file.name === "-") {
      stdin = content;
      files.push("-");
      return;
    }
    const named = /^[\w./-]+$/.test(file.name) && file.name.includes(".");
    const path = named ? resolve(workdir, file.name) : join(workdir, `__case_file_${index}.yaml`);
    virtual.set(path, content);
    if (file.role !== "support-file") files.push(path);
  });
  const result = loadProject(
    {
      files,
      cwd: workdir,
      projectDirectory: workdir,
      environment: testCase.env ?? {},
      ...(stdin === undefined ? {} : { stdin }),
      ...(testCase.project_name ? { projectName: testCase.project_name } : {}),
      resolvePaths: testCase.resolve_paths ?? true,
      skipValidation: testCase.skip_validation ?? false,
      normalize: unrestatedOptions[testCase.name]?.normalize ?? !(testCase.skip_normalization ?? false),
    },
    hostWith(virtual),
  );
  return JSON.parse(JSON.stringify(result.project));
}

/** Follows `a.b[0].c` through plain data. */
function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (current === null || current === undefined) return undefined;
    const key = part.startsWith("[") ? Number(part.slice(1, -1)) : part;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function check(model: unknown, expectation: Expectation, testCase: LoaderCase): void {
  const actual = valueAt(model, expectation.path);
  const where = `${testCase.name}: ${expectation.path}`;
  if (expectation.absent) expect(actual ?? null, where).toBeNull();
  if (expectation.not_null) expect(actual ?? null, where).not.toBeNull();
  if (expectation.empty)
    expect(actual === undefined || actual === null || (actual as unknown[]).length === 0, where).toBe(true);
  if (expectation.length !== undefined) {
    const size = Array.isArray(actual) ? actual.length : Object.keys(actual as object).length;
    expect(size, where).toBe(expectation.length);
  }
  if ("equals_or_absent" in expectation && actual !== undefined)
    expect(actual, where).toEqual(expectation.equals_or_absent);
  if ("equals" in expectation) {
    let wanted = expectation.equals;
    // The Go tests show some paths relative to where they run; with resolved paths, this loader reports
    // them absolute (SOURCES.md: "an implementation will see absolute paths").
    if (
      typeof wanted === "string" &&
      typeof actual === "string" &&
      isAbsolute(actual) &&
      !isAbsolute(wanted)
    ) {
      const fromLoaderDir = testCase.notes?.includes("relative to compose-go/loader") ?? false;
      const base = fromLoaderDir ? loaderDir : resolve(loaderDir, testCase.workdir ?? ".");
      if (testCase.resolve_paths !== false) wanted = resolve(base, wanted);
    }
    expect(actual, where).toEqual(wanted);
  }
}

function run(testCase: LoaderCase, variant?: Record<string, string>): void {
  if (testCase.error_contains !== undefined) {
    let caught: unknown;
    try {
      load(testCase, variant);
    } catch (error) {
      caught = error;
    }
    expect(caught, "loading must fail").toBeInstanceOf(ComposeError);
    expect((caught as Error).message).toContain(testCase.error_contains);
    return;
  }
  const model = load(testCase, variant);
  for (const expectation of testCase.expect ?? []) check(model, expectation, testCase);
}

describe("compose-go loader conformance", () => {
  expect(corpus.cases.length).toBe(40);
  for (const testCase of corpus.cases) {
    if (testCase.variants) {
      for (const variant of testCase.variants) {
        it(`${testCase.name} [${Object.values(variant).join(",")}]`, () => run(testCase, variant));
      }
    } else {
      it(testCase.name, () => run(testCase));
    }
  }
  it("reads its data beside the repository", () => {
    expect(dirname(loaderDir)).toMatch(/conformance[/\\]compose-go$/);
  });
});
