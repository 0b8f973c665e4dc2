import { parse } from "yaml";
import { ComposeError } from "../../../../src/compose/errors.js";
import type { LoaderHost } from "../../../../src/compose/host.js";
import { lookupIn } from "../../../../src/compose/host.js";
import { type NormalizeContext, normalizeProject } from "../../../../src/compose/normalize/index.js";
import type { RawMap } from "../../../../src/compose/tree.js";
import type { Project } from "../../../../src/compose/types.js";

/** An in-memory LoaderHost over absolute paths. */
export function fakeHost(files: Record<string, string> = {}, dirs: string[] = []): LoaderHost {
  return {
    readFile: (path) => files[path],
    isDirectory: (path) => dirs.includes(path),
  };
}

/** Normalises inline YAML with project `demo` in `/proj`. */
export function normalizeYaml(
  yaml: string,
  options: { env?: Record<string, string>; files?: Record<string, string>; resolvePaths?: boolean } = {},
): Project {
  const ctx: NormalizeContext = {
    projectName: "demo",
    workingDir: "/proj",
    lookup: lookupIn(options.env ?? {}),
    host: fakeHost(options.files),
    resolvePaths: options.resolvePaths ?? true,
    foldEnvFiles: true,
    foldLabelFiles: true,
  };
  return normalizeProject(parse(yaml) as RawMap, ctx);
}

/** The issues of the ComposeError that `run` throws (fails when it throws nothing or something else). */
export function composeIssuesOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ComposeError) return error.issues;
    throw error;
  }
  throw new Error("expected a ComposeError");
}
