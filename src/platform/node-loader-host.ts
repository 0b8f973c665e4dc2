import { readFileSync, statSync } from "node:fs";

/** Synchronous read-only file access; structurally the compose `LoaderHost` (platform may not import compose). */
export interface ReadOnlyFiles {
  /** Text of the file at an absolute path, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  /** True when the absolute path is an existing directory. */
  isDirectory(path: string): boolean;
}

/** The compose loader's host on the real filesystem: synchronous reads, undefined for missing files. */
export function nodeLoaderHost(): ReadOnlyFiles {
  return {
    readFile(path) {
      try {
        return readFileSync(path, "utf8");
      } catch (error: unknown) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    isDirectory(path) {
      try {
        return statSync(path).isDirectory();
      } catch (error: unknown) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  return error.code === "ENOENT" || error.code === "ENOTDIR" || error.code === "EISDIR";
}
