import { posix } from "node:path";
import { parseDotenv } from "../dotenv/index.js";
import type { EnvLookup, LoaderHost } from "../host.js";
import { setOwn, type TreePath } from "../tree.js";
import { type IssueCollector, sortKeys } from "./values.js";

/** What folding label files into a service's labels needs. */
export interface LabelFoldContext {
  host: LoaderHost;
  workingDir: string;
  issues: IssueCollector;
  /** Tree path of the service's `label_file` (issues name the entry under it). */
  path: TreePath;
}

/**
 * Reads each label file (`.env` line format) and lays the explicit `labels` over them, as compose-go
 * does: a later file wins over an earlier one, `labels` win over every file, and `${VAR}` inside a
 * file resolves only against the labels of the earlier files and the file's own earlier keys (not
 * the project environment). A missing file is an issue naming the file under the service's path.
 */
export function foldLabelFiles(
  labels: Readonly<Record<string, string>>,
  files: readonly string[],
  ctx: LabelFoldContext,
): Record<string, string> {
  const fromFiles: Record<string, string> = {};
  const lookup: EnvLookup = (name) => (Object.hasOwn(fromFiles, name) ? fromFiles[name] : undefined);
  files.forEach((file, index) => {
    const absolute = posix.resolve(ctx.workingDir, file);
    const text = ctx.host.isDirectory(absolute) ? undefined : ctx.host.readFile(absolute);
    if (text === undefined) {
      ctx.issues.add([...ctx.path, index], `label file ${absolute} not found`);
      return;
    }
    try {
      for (const [key, value] of Object.entries(parseDotenv(text, { file: absolute, lookup }))) {
        setOwn(fromFiles, key, value);
      }
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.issues.add([...ctx.path, index], `failed to read label file ${absolute}: ${message}`);
    }
  });
  const merged: Record<string, string> = { ...fromFiles };
  for (const [key, value] of Object.entries(labels)) setOwn(merged, key, value);
  return sortKeys(merged);
}
