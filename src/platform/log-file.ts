import { appendFileSync, fstatSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";

/** Appends text to a log file (created 0600 with its directory); never throws. */
export function appendLog(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o711 });
    appendFileSync(path, text, { mode: 0o600 });
  } catch {
    // a log that cannot be written must not stop the engine
  }
}

/** The text of a log file, or undefined when there is none. */
export function readLog(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Whether this process's stderr already goes to `path` (a detached engine), so lines need no second copy. */
export function stderrIsFile(path: string): boolean {
  try {
    const err = fstatSync(2);
    const file = statSync(path);
    return err.ino === file.ino && err.dev === file.dev;
  } catch {
    return false;
  }
}
