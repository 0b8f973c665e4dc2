import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { newestMtime } from "../../support/newest-mtime.js";

/** The repository root (tests run the built CLI from its dist/). */
export const repoRoot = join(import.meta.dirname, "..", "..", "..");
/** The example projects, which double as fixtures. */
export const examplesDir = join(repoRoot, "examples");
const mainJs = join(repoRoot, "dist", "cli", "main.js");

/** The built CLI: the esbuild bundle, and the V8 startup snapshot with its node stamp. */
export const cliDist = {
  bundle: join(repoRoot, "dist", "cli", "berth.mjs"),
  blob: join(repoRoot, "dist", "cli", "berth.blob"),
  stamp: join(repoRoot, "dist", "cli", "berth.blob.node"),
};

/** What one run of the CLI gave. */
export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Builds dist/ when it is missing or older than src/ (other folders' type errors do not stop emit). */
export function ensureBuilt(): void {
  if (existsSync(mainJs) && statSync(mainJs).mtimeMs >= newestMtime(join(repoRoot, "src"))) return;
  spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: repoRoot, stdio: "ignore" });
  if (!existsSync(mainJs)) throw new Error(`build did not produce ${mainJs}`);
}

/** Builds the bundle and the startup snapshot (scripts/bundle.mjs) when missing or older than src/. */
export function ensureBundled(): void {
  const built = existsSync(cliDist.bundle) && existsSync(cliDist.stamp);
  if (built && statSync(cliDist.bundle).mtimeMs >= newestMtime(join(repoRoot, "src"))) return;
  const result = spawnSync(process.execPath, [join(repoRoot, "scripts", "bundle.mjs")], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`scripts/bundle.mjs failed:\n${result.stderr}`);
}

/** Runs `berth <args>` as a user would, with a clean COMPOSE_* environment. */
export function berth(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; input?: string },
): RunResult {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("COMPOSE_")) env[key] = value;
  }
  const result = spawnSync(process.execPath, [mainJs, ...args], {
    cwd: options.cwd,
    env: { ...env, NO_COLOR: "1", ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
