import { readFileSync, writeFileSync } from "node:fs";

/** Text of a file, or undefined when it cannot be read (used to show source lines in errors). */
export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes text to a file, replacing it. */
export function writeTextFile(path: string, text: string): void {
  writeFileSync(path, text, "utf8");
}
