import type { OciResources } from "./spec/oci-types.js";

// The host behind narrow ports: runc verbs (no policy), conmon, overlay mounts, cgroup directories.
// One Linux adapter (./linux) and one fake (./fakes) each.

/** What runc reports about one container. */
export interface RuncState {
  id: string;
  /** runc's status: creating, created, running, paused or stopped. */
  status: string;
  /** Host PID of the container's init (0 when stopped). */
  pid: number;
  bundle: string;
}

/** A process to run inside a running container. */
export interface OciExecRequest {
  argv: readonly string[];
  /** `KEY=value` entries added to the container's environment. */
  env: readonly string[];
  uid: number;
  gid: number;
  additionalGids: readonly number[];
  cwd: string;
  /** Bytes for the process's stdin, closed when the iterable ends; without it stdin is empty. */
  stdin?: AsyncIterable<Uint8Array>;
  /** Output bytes exactly as the process wrote them. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

/** runc's verbs. `create` goes through the `Shim`, which runs the runtime named by `shimRuntime`. */
export interface OciRuntime {
  /** Binary and leading arguments (e.g. `--root DIR`) the shim passes on to the runtime. */
  readonly shimRuntime: { path: string; args: readonly string[] };
  start(id: string): Promise<void>;
  kill(id: string, signal: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  delete(id: string, options: { force: boolean }): Promise<void>;
  /** The container's state, or undefined when the runtime does not know it. */
  state(id: string): Promise<RuncState | undefined>;
  list(): Promise<RuncState[]>;
  /** Runs a process in the container; resolves with its exit code. */
  exec(id: string, request: OciExecRequest): Promise<number>;
  /** `runc update -r -`: memory, cpu and pids limits (devices are not updatable). */
  update(id: string, resources: Omit<Partial<OciResources>, "devices">): Promise<void>;
}

/** Where conmon keeps what it knows about one container. */
export interface ShimCreateRequest {
  id: string;
  /** Human-readable name (conmon's `-n`). */
  name: string;
  bundle: string;
  /** runc's `--pid-file`: the container init's PID. */
  pidFile: string;
  /** conmon's own PID (`-P`); how a cleanup finds our conmons. */
  shimPidFile: string;
  logPath: string;
  logSizeMax: number;
  exitDir: string;
  socketDir: string;
  signal?: AbortSignal;
}

/** Result of a shim create: the container's init PID (the shim's own PID is in `shimPidFile`). */
export interface ShimCreated {
  pid: number;
}

/** conmon: creates the container detached; it then owns the container's stdio, log and exit file. */
export interface Shim {
  create(request: ShimCreateRequest): Promise<ShimCreated>;
}

/** An overlay mount of read-only lower dirs (leftmost is top) and a writable upper/work pair. */
export interface OverlayRequest {
  lowerDirs: readonly string[];
  upperDir: string;
  workDir: string;
  target: string;
}

/** Mounts and unmounts container root filesystems. */
export interface Mounter {
  mountOverlay(request: OverlayRequest): Promise<void>;
  /** Unmounts `target`; a target that is not mounted is fine. */
  unmount(target: string): Promise<void>;
  /** Mount points at or below `dir`, deepest first. */
  mountsUnder(dir: string): Promise<string[]>;
}

/** Removes cgroup directories that runc leaves behind (it deletes the leaf only, in some hierarchies). */
export interface CgroupCleaner {
  /** Removes `<parent>/<id>` in every hierarchy (v1 controllers and unified). */
  removeLeaf(parent: string, id: string): Promise<void>;
  /** Removes `<parent>` and every leaf under it in every hierarchy. */
  removeParent(parent: string): Promise<void>;
  /** Removes `<parent>` in every hierarchy where it has no child cgroup left; keeps it where it has. */
  removeEmptyParent(parent: string): Promise<void>;
  /** Hierarchy directories where `<parent>` (or `<parent>/<id>`) still exists. */
  remaining(parent: string, id?: string): Promise<string[]>;
}
