import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { chainIds, type Digest, sha256Digest } from "../../../src/image/digest.js";
import type { UnpackRequest } from "../../../src/image/layer/layer-store.js";
import type { CommandResult, CommandRunner, RunOptions } from "../../../src/shared/ports.js";

/** A CommandRunner for tests only (src/ spawns through src/platform). */
export const testRunner: CommandRunner = {
  run(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    return new Promise((resolve) => {
      const [file, ...args] = argv;
      const child = execFile(file ?? "false", args, { encoding: "utf8" }, (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
        resolve({ exitCode: code, stdout, stderr });
      });
      child.stdin?.on("error", () => {});
      child.stdin?.end(options.input ?? "");
    });
  },
};

/** Runs a command and fails the test when it fails. */
export async function sh(...argv: string[]): Promise<string> {
  const result = await testRunner.run(argv);
  if (result.exitCode !== 0) throw new Error(`${argv.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** Mount points at or below `dir`. */
export function mountsUnder(dir: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((point) => point === dir || point.startsWith(`${dir}/`));
}

/** A throwaway directory; `cleanup` unmounts nothing (tests must) but proves nothing is left behind. */
export async function scratch(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "berth-image-"));
  return {
    dir,
    async cleanup() {
      expect(mountsUnder(dir)).toEqual([]);
      await rm(dir, { recursive: true, force: true });
      expect(existsSync(dir)).toBe(false);
    },
  };
}

/** An unpack request for a single-layer stack made of `tar`. */
export function requestFor(tar: Buffer, parent?: Digest): UnpackRequest {
  const diffId = sha256Digest(tar);
  const chainId = parent === undefined ? diffId : (chainIds([parent, diffId])[1] as Digest);
  return {
    chainId,
    diffId,
    async *open() {
      yield tar;
    },
  };
}
