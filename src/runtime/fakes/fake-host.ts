import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../../shared/ports.js";
import type { ProcessProbe } from "../linux/process-probe.js";
import type { CgroupCleaner, Mounter, OciExecRequest, OciRuntime, RuncState, Shim } from "../ports.js";

// Stateful fakes of the runtime's ports. They share one `calls` list so a test can assert which host
// operations ran in which order, and they write conmon's exit files the way conmon would.

const signals: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGUSR1: 10, SIGTERM: 15 };

/** Options of the fake host. */
export interface FakeHostOptions {
  exitsDir: string;
  /** Signals the containers' PID 1 ignores (SIGKILL never is). */
  ignored?: readonly string[];
  /** Exit code an exec returns, and its output (after its stdin, echoed to stdout as `cat` would). */
  exec?: { code: number; stdout?: string; stderr?: string };
}

/** One fake host: runc, conmon, mounts, cgroups, processes and a clock that advances on sleep. */
export class FakeHost {
  readonly calls: string[] = [];
  readonly containers = new Map<string, RuncState>();
  readonly mounted = new Set<string>();
  readonly cgroupDirs = new Set<string>();
  private nextPid = 1000;
  private time = 0;

  constructor(private readonly options: FakeHostOptions) {}

  /** Makes container `id` exit with `code`, as its process ending would. */
  exit(id: string, code: number): void {
    const c = this.containers.get(id);
    if (c) this.containers.set(id, { ...c, status: "stopped", pid: 0 });
    mkdirSync(this.options.exitsDir, { recursive: true });
    writeFileSync(join(this.options.exitsDir, id), String(code));
  }

  private known(id: string): RuncState {
    const c = this.containers.get(id);
    if (!c) throw new Error(`container "${id}" does not exist`);
    return c;
  }

  private expect(id: string, status: string): void {
    const actual = this.known(id).status;
    if (actual !== status) throw new Error(`container "${id}" is ${actual}, not ${status}`);
  }

  private set(id: string, status: string): void {
    this.containers.set(id, { ...this.known(id), status });
  }

  readonly oci: OciRuntime = {
    shimRuntime: { path: "/fake/runc", args: [] },
    start: async (id) => {
      this.calls.push(`runc start ${id}`);
      this.expect(id, "created");
      this.set(id, "running");
    },
    kill: async (id, signal) => {
      this.calls.push(`runc kill ${id} ${signal}`);
      const c = this.known(id);
      if (c.status === "stopped") throw new Error("container not running");
      const name = signal.startsWith("SIG") ? signal : `SIG${signal}`;
      if (name === "SIGKILL" || !(this.options.ignored ?? []).includes(name)) {
        this.exit(id, 128 + (signals[name] ?? 0));
      }
    },
    pause: async (id) => {
      this.calls.push(`runc pause ${id}`);
      this.expect(id, "running");
      this.set(id, "paused");
    },
    resume: async (id) => {
      this.calls.push(`runc resume ${id}`);
      this.expect(id, "paused");
      this.set(id, "running");
    },
    delete: async (id, { force }) => {
      this.calls.push(`runc delete${force ? " --force" : ""} ${id}`);
      this.known(id);
      this.containers.delete(id);
    },
    state: async (id) => this.containers.get(id),
    list: async () => [...this.containers.values()].sort((a, b) => a.id.localeCompare(b.id)),
    exec: async (id, request: OciExecRequest) => {
      this.calls.push(
        `runc exec ${id} ${request.uid}:${request.gid} ${request.cwd} ${request.argv.join(" ")}`,
      );
      const result = this.options.exec ?? { code: 0 };
      // Like `cat`: stdin comes back on stdout before the configured output.
      for await (const chunk of request.stdin ?? []) request.onStdout?.(Buffer.from(chunk));
      if (result.stdout) request.onStdout?.(Buffer.from(result.stdout));
      if (result.stderr) request.onStderr?.(Buffer.from(result.stderr));
      return result.code;
    },
    update: async (id) => {
      this.calls.push(`runc update ${id}`);
    },
  };

  readonly shim: Shim = {
    create: async (request) => {
      this.calls.push(`conmon create ${request.id}`);
      const pid = this.nextPid++;
      this.containers.set(request.id, { id: request.id, status: "created", pid, bundle: request.bundle });
      this.cgroupDirs.add(request.id);
      writeFileSync(request.logPath, "");
      return { pid };
    },
  };

  readonly mounter: Mounter = {
    mountOverlay: async (request) => {
      this.calls.push(`mount overlay ${request.lowerDirs.join(":")} ${request.target}`);
      this.mounted.add(request.target);
    },
    unmount: async (target) => {
      if (!this.mounted.has(target)) return;
      this.calls.push(`umount ${target}`);
      this.mounted.delete(target);
    },
    mountsUnder: async (dir) =>
      [...this.mounted]
        .filter((p) => p === dir || p.startsWith(`${dir}/`))
        .sort((a, b) => b.length - a.length),
  };

  readonly cgroups: CgroupCleaner = {
    removeLeaf: async (parent, id) => {
      this.calls.push(`cgroup rm ${parent}/${id}`);
      this.cgroupDirs.delete(id);
    },
    removeParent: async (parent) => {
      this.calls.push(`cgroup rm ${parent}`);
      this.cgroupDirs.clear();
    },
    removeEmptyParent: async (parent) => {
      this.calls.push(`cgroup rmdir-if-empty ${parent}`);
    },
    remaining: async (parent, id) => (id ? (this.cgroupDirs.has(id) ? [`${parent}/${id}`] : []) : []),
  };

  readonly processes: ProcessProbe = { alive: async () => false, kill: () => {} };

  /** A clock whose sleeps return at once and move time forward. */
  readonly clock: Clock = {
    now: () => this.time,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      this.time += ms;
    },
  };
}
