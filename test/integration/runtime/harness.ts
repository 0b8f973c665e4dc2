import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { execaRunner } from "../../../src/platform/execa-runner.js";
import { nodeClock } from "../../../src/platform/node-clock.js";
import { nodeStreamingRunner } from "../../../src/platform/streaming-runner.js";
import type { ContainerRuntime } from "../../../src/runtime/container-runtime.js";
import type { RuntimeLocation } from "../../../src/runtime/layout.js";
import { linuxContainerRuntime } from "../../../src/runtime/linux/linux-runtime.js";
import type { LogEntry } from "../../../src/runtime/logs/k8s-log.js";
import type { ContainerSpec } from "../../../src/runtime/spec/container-spec.js";
import { buildBusyboxRootfs } from "../../support/busybox-rootfs.js";

/** A throwaway engine instance: its own mkdtemp root, instance name, busybox layer and runtime. */
export interface RuntimeEnv {
  location: RuntimeLocation;
  layer: string;
  rt: ContainerRuntime;
  /** A runtime on the same location (an engine restarted). */
  reopen(): ContainerRuntime;
  /** A busybox container spec running `command`. */
  spec(id: string, command: string[], extra?: Partial<ContainerSpec>): ContainerSpec;
  /** prepare + create + start. */
  run(id: string, command: string[], extra?: Partial<ContainerSpec>): Promise<void>;
  /** Cleans the instance up and proves nothing of it is left on the host. */
  finish(): Promise<void>;
}

/** Builds a fresh runtime environment for one test. */
export function runtimeEnv(options: { logSizeMax?: number } = {}): RuntimeEnv {
  const root = mkdtempSync(join(tmpdir(), "berth-rt-"));
  const instance = `t${root
    .slice(-6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}${process.pid}`;
  const location = { root, runDir: join(root, "run"), instance };
  const layer = buildBusyboxRootfs(join(root, "layer"));
  const open = (): ContainerRuntime =>
    linuxContainerRuntime({
      location,
      runner: execaRunner(),
      streamer: nodeStreamingRunner(),
      clock: nodeClock(),
      pollMs: 20,
      ...options,
    });
  const rt = open();
  const spec = (id: string, command: string[], extra: Partial<ContainerSpec> = {}): ContainerSpec => ({
    id,
    name: id,
    rootfs: "/unused",
    image: { env: ["PATH=/bin"] },
    hostname: id,
    network: { mode: "none" },
    command,
    ...extra,
  });
  return {
    location,
    layer,
    rt,
    reopen: open,
    spec,
    async run(id, command, extra) {
      await rt.prepare(id, { spec: spec(id, command, extra), lowerDirs: [layer] });
      await rt.create(id);
      await rt.start(id);
    },
    async finish() {
      await rt.cleanupInstance();
      expect(leftovers(location)).toEqual([]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Everything of an instance still on the host: mounts, cgroup dirs, runc containers, conmon processes. */
export function leftovers(location: RuntimeLocation): string[] {
  const out: string[] = [];
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const point = line.split(" ")[4] ?? "";
    if (point.startsWith(`${location.root}/`)) out.push(`mount ${point}`);
  }
  for (const h of readdirSync("/sys/fs/cgroup")) {
    const dir = join("/sys/fs/cgroup", h, `berth-${location.instance}`);
    if (existsSync(dir)) out.push(`cgroup ${dir}`);
  }
  const runcRoot = join(location.runDir, "runc");
  if (existsSync(runcRoot)) {
    const list = execFileSync("runc", ["--root", runcRoot, "list", "-q"], { encoding: "utf8" }).trim();
    if (list !== "") out.push(`runc ${list}`);
  }
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmd.startsWith("conmon\0") || cmd.includes("/conmon\0")) {
        if (cmd.includes(`${location.root}/`)) out.push(`conmon ${pid}`);
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** All log entries of a container (not following). */
export async function logsOf(rt: ContainerRuntime, id: string): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const entry of rt.logs(id)) out.push(entry);
  return out;
}

/** The lines of one stream. */
export function lines(entries: LogEntry[], stream: "stdout" | "stderr"): string[] {
  return entries.filter((e) => e.stream === stream).map((e) => e.line);
}

/** Reads a cgroup v1 file of the container. */
export function cgroupFile(env: RuntimeEnv, controller: string, id: string, file: string): string {
  return readFileSync(
    join("/sys/fs/cgroup", controller, `berth-${env.location.instance}`, id, file),
    "utf8",
  ).trim();
}

/** Follows the log until a stdout line equals `text` (or the container exits); returns whether it came. */
export async function waitForLine(rt: ContainerRuntime, id: string, text: string): Promise<boolean> {
  const abort = new AbortController();
  try {
    for await (const entry of rt.logs(id, { follow: true, signal: abort.signal })) {
      if (entry.stream === "stdout" && entry.line === text) return true;
    }
    return false;
  } finally {
    abort.abort();
  }
}
