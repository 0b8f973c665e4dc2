import type { EnvLookup } from "../host.js";
import { isUnicodeSpace } from "./characters.js";

/** Why a raw env file was refused: the message of `docker run --env-file`'s parser. */
export class RawEnvFileError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.name = "RawEnvFileError";
    this.line = line;
  }
}

/**
 * Parses an env file in `format: raw`, the line format of `docker run --env-file`: one `KEY=VALUE` a
 * line, taken literally (no quotes removed, no `${}` expansion, no inline comments, trailing spaces
 * kept); leading space is dropped; lines starting with `#` and blank lines are skipped; a bare `KEY`
 * takes its value from `lookup` or is left out. A key with a space or tab, or a line starting with
 * `=`, is an error. A repeated key keeps its last value.
 */
export function parseRawEnv(text: string, lookup?: EnvLookup): Record<string, string> {
  const out = new Map<string, string>();
  const lines = text.split("\n");
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  lines.forEach((raw, index) => {
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith("\uFEFF")) line = line.slice(1);
    let start = 0;
    while (start < line.length && isUnicodeSpace(line[start] ?? "")) start++;
    line = line.slice(start);
    if (line === "" || line.startsWith("#")) return;
    const equals = line.indexOf("=");
    const key = equals < 0 ? line : line.slice(0, equals);
    if (key === "") throw new RawEnvFileError(`no variable name on line '${line}'`, index + 1);
    if (/[ \t]/.test(key)) throw new RawEnvFileError(`variable '${key}' contains whitespaces`, index + 1);
    if (equals >= 0) {
      out.set(key, line.slice(equals + 1));
      return;
    }
    const found = lookup?.(key);
    if (found !== undefined) {
      out.set(key, found);
    }
  });
  return Object.fromEntries(out);
}
