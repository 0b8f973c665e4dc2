import { parse } from "yaml";
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
  };
  return normalizeProject(parse(yaml) as RawMap, ctx);
}
