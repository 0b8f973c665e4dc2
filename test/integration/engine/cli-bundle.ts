import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const repo = join(import.meta.dirname, "..", "..", "..");

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    latest = Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return latest;
}

/** The CLI bundle (dist/cli/berth.mjs), rebuilt with esbuild when any source is newer. */
export function cliBundle(): string {
  const bundle = join(repo, "dist", "cli", "berth.mjs");
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(join(repo, "src"))) {
    execFileSync(process.execPath, [join(repo, "scripts", "bundle.mjs")], { cwd: repo, stdio: "inherit" });
  }
  return bundle;
}
