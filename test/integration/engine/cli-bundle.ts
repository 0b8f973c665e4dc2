import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { newestMtime } from "../../support/newest-mtime.js";

const repo = join(import.meta.dirname, "..", "..", "..");

/** The CLI bundle (dist/cli/berth.mjs), rebuilt with esbuild when any source is newer. */
export function cliBundle(): string {
  const bundle = join(repo, "dist", "cli", "berth.mjs");
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestMtime(join(repo, "src"))) {
    execFileSync(process.execPath, [join(repo, "scripts", "bundle.mjs")], { cwd: repo, stdio: "inherit" });
  }
  return bundle;
}
