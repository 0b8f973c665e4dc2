import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** The conformance corpus, beside the repository as CI lays it out (../shared/conformance). */
export const conformanceRoot = join(import.meta.dirname, "..", "..", "..", "shared", "conformance");

/** Reads a YAML data file of the corpus. */
export function readCorpusYaml(relativePath: string): unknown {
  return parse(readFileSync(join(conformanceRoot, relativePath), "utf8"));
}

/** True when the path exists on disk and is a directory. */
export function isDirectoryOnDisk(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
