import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { execaRunner } from "../platform/execa-runner.js";
import { nodeClock } from "../platform/node-clock.js";
import { nodeStreamingRunner } from "../platform/streaming-runner.js";
import { type ContainerRuntime, linuxContainerRuntime } from "../runtime/index.js";
import type { CommandRunner } from "../shared/ports.js";

/** One throwaway engine location of the bench: everything under `root`, kernel names from `instance`. */
export interface BenchLocation {
  root: string;
  runDir: string;
  instance: string;
  socketPath: string;
}

/** A location `<parent>/<kind>` with the instance name `b<kind><suffix>`. */
export function benchLocation(parent: string, kind: string, suffix: string): BenchLocation {
  const root = join(parent, kind);
  return {
    root,
    runDir: join(root, "run"),
    instance: `b${kind}${suffix}`,
    socketPath: join(root, "berth.sock"),
  };
}

/** True when this process runs as root (runc, overlay mounts and cgroups need it). */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The 1/5/15-minute load averages, e.g. `1.78 3.86 5.25`. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

/** A Linux runtime on `location` (the engine's adapters), for raw bundles and for the final cleanup. */
export function benchRuntime(location: BenchLocation): ContainerRuntime {
  return linuxContainerRuntime({
    location: { root: location.root, runDir: location.runDir, instance: location.instance },
    runner: execaRunner(),
    streamer: nodeStreamingRunner(),
    clock: nodeClock(),
    pollMs: 20,
  });
}

/** VmRSS of a process in KiB (from /proc/<pid>/status), or undefined when it is gone. */
export async function vmRssKib(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const found = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return found?.[1] === undefined ? undefined : Number(found[1]);
  } catch {
    return undefined;
  }
}

/** True while `pid` exists and is not a zombie. */
export async function processAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** Waits (real time) until `check` holds; throws after `ms`. */
export async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const clock = nodeClock();
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await clock.sleep(20);
  }
}

async function procPids(): Promise<number[]> {
  return (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
}

/** Live conmon processes whose command line names a path under `root` (our `-P`/`-b` paths). */
export async function conmonsUnder(root: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await procPids()) {
    try {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      const argv0 = cmdline.split("\0")[0] ?? "";
      if ((argv0 === "conmon" || argv0.endsWith("/conmon")) && cmdline.includes(`${root}/`)) {
        if (await processAlive(pid)) out.push(pid);
      }
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * Everything of a location still on the host: mounts under its root, cgroup dirs of its instance in
 * any hierarchy, runc containers in its runc root, conmon processes of its root.
 */
export async function leftovers(location: BenchLocation, runner: CommandRunner): Promise<string[]> {
  const out: string[] = [];
  for (const line of (await readFile("/proc/self/mountinfo", "utf8")).split("\n")) {
    const point = line.split(" ")[4] ?? "";
    if (point === location.root || point.startsWith(`${location.root}/`)) out.push(`mount ${point}`);
  }
  for (const hierarchy of (await readdir("/sys/fs/cgroup")).sort()) {
    const dir = join("/sys/fs/cgroup", hierarchy, `berth-${location.instance}`);
    if (existsSync(dir)) out.push(`cgroup ${dir}`);
  }
  const runcRoot = join(location.runDir, "runc");
  if (existsSync(runcRoot)) {
    const listed = await runner.run(["runc", "--root", runcRoot, "list", "-q"]);
    if (listed.exitCode !== 0) out.push(`runc list failed: ${listed.stderr.trim()}`);
    for (const id of listed.stdout.split("\n").filter(Boolean)) out.push(`runc container ${id}`);
  }
  for (const pid of await conmonsUnder(location.root)) out.push(`conmon process ${pid}`);
  return out;
}
