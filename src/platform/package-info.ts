import { readFileSync } from "node:fs";

/** The version in berth's package.json (found next to `src/` or `dist/`). */
export function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === "object" && parsed !== null && "version" in parsed) {
    const version = parsed.version;
    if (typeof version === "string") return version;
  }
  return "0.0.0";
}
