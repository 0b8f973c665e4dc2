import type { Clock } from "../shared/ports.js";
import { type ContainerState, containerState } from "./container-state.js";
import type { RuntimeContext } from "./context.js";
import { ContainerNotFoundError } from "./errors.js";
import { type ExecRequest, execInContainer } from "./exec.js";
import { readExitCode, waitForExit } from "./exit-file.js";
import { ExitWatch } from "./exit-watch.js";
import { readIfExists } from "./fs-util.js";
import { type AdoptResult, adoptContainers, type ListedContainer, listContainers } from "./inventory.js";
import { type RuntimeLocation, runtimeLayout } from "./layout.js";
import {
  createContainer,
  killContainer,
  pauseContainer,
  resumeContainer,
  startContainer,
} from "./lifecycle-ops.js";
import type { EngineHostFacts } from "./linux/host-facts-reader.js";
import type { ProcessProbe } from "./linux/process-probe.js";
import type { LogEntry } from "./logs/k8s-log.js";
import { followLog, type OutputPiece } from "./logs/log-follow.js";
import { type LogOptions, readLog } from "./logs/log-reader.js";
import type { CgroupCleaner, Mounter, OciRuntime, Shim } from "./ports.js";
import { type PrepareRequest, prepareBundle, readMeta } from "./prepare.js";
import { cleanupInstance, type DeleteOptions, deleteContainer } from "./remove.js";
import { SharedGate } from "./shared-gate.js";
import { type StopOptions, stopContainer } from "./stop.js";

/** The ports and settings a `ContainerRuntime` is built from. */
export interface ContainerRuntimeOptions {
  location: RuntimeLocation;
  oci: OciRuntime;
  shim: Shim;
  mounter: Mounter;
  cgroups: CgroupCleaner;
  clock: Clock;
  processes: ProcessProbe;
  hostFacts: () => Promise<EngineHostFacts>;
  /** conmon's log cap; default 64 MiB. */
  logSizeMax?: number;
  /** Poll interval of log follows and process checks; default 50 ms. */
  pollMs?: number;
  /** Fallback poll of exit waits, which an fs.watch on the exits dir wakes; default 1000 ms. */
  exitPollMs?: number;
}

/** Containers of one engine instance on an OCI runtime with a shim: the engine's only door to them. */
export class ContainerRuntime {
  private readonly ctx: RuntimeContext;

  constructor(options: ContainerRuntimeOptions) {
    let facts: Promise<EngineHostFacts> | undefined;
    const layout = runtimeLayout(options.location);
    this.ctx = {
      layout,
      oci: options.oci,
      shim: options.shim,
      mounter: options.mounter,
      cgroups: options.cgroups,
      clock: options.clock,
      processes: options.processes,
      hostFacts: () => {
        facts ??= options.hostFacts();
        return facts;
      },
      logSizeMax: options.logSizeMax ?? 64 * 1024 * 1024,
      pollMs: options.pollMs ?? 50,
      exitWatch: new ExitWatch(layout.exits),
      exitPollMs: options.exitPollMs ?? 1000,
      cgroupGate: new SharedGate(),
      metas: new Map(),
    };
  }

  /** The cgroup parent (`/berth-<instance>`) every container's cgroup lives under. */
  get cgroupParent(): string {
    return this.ctx.layout.cgroupParent;
  }

  /** Paths of a container's bundle (config.json, rootfs, ctr.log, …). */
  paths(id: string) {
    return this.ctx.layout.bundle(id);
  }

  /** Bundle dir, overlay rootfs and config.json; nothing runs yet. */
  prepare(id: string, request: PrepareRequest): Promise<void> {
    return prepareBundle(this.ctx, id, request);
  }

  /** conmon + `runc create`; resolves with the container init's PID. */
  create(id: string, signal?: AbortSignal): Promise<number> {
    return createContainer(this.ctx, id, signal);
  }

  /** `runc start` of a created container. */
  start(id: string): Promise<void> {
    return startContainer(this.ctx, id);
  }

  /** Stop signal (default: the spec's) → grace (default: the spec's, else 10 s) → SIGKILL; the exit code. */
  async stop(id: string, options: StopOptions = {}): Promise<number> {
    const meta = await readMeta(this.ctx, id);
    return stopContainer(this.ctx, id, {
      ...options,
      signal: options.signal ?? meta?.stopSignal ?? "SIGTERM",
      graceMs: options.graceMs ?? meta?.stopGracePeriodMs ?? 10_000,
    });
  }

  /** Sends `signal` (name like `SIGUSR1` or `USR1`, or a number) to the container's init. */
  kill(id: string, signal: string): Promise<void> {
    return killContainer(this.ctx, id, signal);
  }

  /** Freezes the container (cgroup freezer). */
  pause(id: string): Promise<void> {
    return pauseContainer(this.ctx, id);
  }

  /** Thaws a paused container. */
  resume(id: string): Promise<void> {
    return resumeContainer(this.ctx, id);
  }

  /**
   * Removes the container and everything it had on the host; idempotent. Removing the instance's
   * last container also removes its (then empty) cgroup parent in every hierarchy.
   */
  delete(id: string, options: DeleteOptions = {}): Promise<void> {
    return deleteContainer(this.ctx, id, options);
  }

  /** Status, PID and exit code from runc and conmon's exit file. */
  state(id: string): Promise<ContainerState> {
    return containerState(this.ctx, id);
  }

  /** The exit code once the container has exited (128+signal when killed). */
  waitExit(id: string, signal?: AbortSignal): Promise<number> {
    return waitForExit(this.ctx, id, signal);
  }

  /** Runs a process in the running container; output streamed; resolves with its exit code. */
  exec(id: string, request: ExecRequest): Promise<number> {
    return execInContainer(this.ctx, id, request);
  }

  /** The container's output lines from conmon's log; following ends when it has exited and all is read. */
  logs(id: string, options: LogOptions = {}): AsyncIterable<LogEntry> {
    const paths = this.ctx.layout.bundle(id);
    return readLog(
      {
        path: paths.log,
        clock: this.ctx.clock,
        pollMs: this.ctx.pollMs,
        exited: async () =>
          (await readExitCode(this.ctx, id)) !== undefined || !(await readIfExists(paths.config)),
      },
      options,
    );
  }

  /**
   * The container's output as `docker attach` streams it: from now (with `history`, from the log's
   * start) until `until` settles, then the rest of the log. Resolves once attached (log open).
   */
  async attachOutput(
    id: string,
    options: { history: boolean; until: Promise<unknown>; signal?: AbortSignal },
  ): Promise<AsyncIterable<OutputPiece>> {
    try {
      return await followLog({
        path: this.ctx.layout.bundle(id).log,
        clock: this.ctx.clock,
        pollMs: this.ctx.pollMs,
        ...options,
      });
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ContainerNotFoundError(id);
      throw error;
    }
  }

  /** Every container of this instance with its state, sorted by id. */
  list(): Promise<ListedContainer[]> {
    return listContainers(this.ctx);
  }

  /** After an engine restart: removes half-made leftovers, then lists what exists with states and exit codes. */
  adopt(): Promise<AdoptResult> {
    return adoptContainers(this.ctx);
  }

  /** Removes every container, mount, cgroup and directory of this instance. */
  cleanupInstance(): Promise<void> {
    return cleanupInstance(this.ctx);
  }
}
