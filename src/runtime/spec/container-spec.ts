// What the engine needs to run one container. Plain data: the engine fills it from the image config, the
// API request (or compose service) and its own state; `toOciSpec` turns it into runc's config.json.

/** An argv in exec form (array) or shell form (string, run as `/bin/sh -c <string>`). */
export type ArgvInput = string | readonly string[];

/** Values taken from the image configuration (OCI image config `config` object). */
export interface ImageConfigInputs {
  entrypoint?: ArgvInput | null;
  cmd?: ArgvInput | null;
  /** `KEY=value` strings, as in the image config. */
  env?: readonly string[];
  workingDir?: string;
  user?: string;
  stopSignal?: string;
}

/** Mount propagation of a bind mount. */
export type Propagation = "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave";

/** A host path bound into the container. */
export interface BindMountSpec {
  type: "bind";
  source: string;
  target: string;
  readOnly?: boolean;
  /** Defaults to `rprivate`. */
  propagation?: Propagation;
  /** `rbind` when true (the default), plain `bind` when false. */
  recursive?: boolean;
}

/** A named volume, already resolved by the engine to its host directory (`<root>/volumes/<name>/_data`). */
export interface VolumeMountSpec {
  type: "volume";
  name: string;
  source: string;
  target: string;
  readOnly?: boolean;
}

/** A tmpfs mount. `mode` is numeric (e.g. 0o1777); runc 1.1.5 ignores it, see `tmpfsMountpoints`. */
export interface TmpfsMountSpec {
  type: "tmpfs";
  target: string;
  sizeBytes?: number;
  mode?: number;
  readOnly?: boolean;
}

/** One user mount, applied in the given order (stably sorted by depth so parents come first). */
export type MountSpec = BindMountSpec | VolumeMountSpec | TmpfsMountSpec;

/** Host files the engine generated for the container, bound over the image's own. */
export interface EtcFiles {
  hosts?: string;
  hostname?: string;
  resolvConf?: string;
}

/** Network attachment: no network (loopback only), the host's, or a namespace prepared by the network layer. */
export type NetworkAttachment = { mode: "none" } | { mode: "host" } | { mode: "netns"; path: string };

/** One ulimit as compose writes it (`nofile`, `nproc`, …); -1 means unlimited. */
export interface UlimitSpec {
  name: string;
  soft: number;
  hard: number;
}

/** Cgroup limits in Docker's units (bytes, CPUs, relative shares). */
export interface ResourceLimits {
  memoryBytes?: number;
  /** Memory plus swap; -1 is unlimited; absent with `memoryBytes` set means twice the memory (Docker). */
  memorySwapBytes?: number;
  memoryReservationBytes?: number;
  /** Fractional CPUs (`cpus: 0.5`); conflicts with `cpuQuota`. */
  cpus?: number;
  cpuShares?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  cpusetCpus?: string;
  /** 0 or -1 means unlimited. */
  pidsLimit?: number;
}

/** Init process to run as PID 1 in front of the argv. */
export interface InitSpec {
  /** Host path of a static init (catatonit), bound read-only into the container. */
  path: string;
}

/** Health probe, with the test already turned into an argv (CMD / CMD-SHELL resolved). */
export interface HealthSpec {
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
}

/** Restart policy as in Docker's HostConfig. */
export interface RestartSpec {
  policy: "no" | "always" | "on-failure" | "unless-stopped";
  maxRetries?: number;
}

/** Everything the engine needs to run one container. */
export interface ContainerSpec {
  /** Runtime id (also the cgroup leaf name and runc id). */
  id: string;
  name: string;
  /** Absolute host path of the mounted root filesystem. */
  rootfs: string;
  image: ImageConfigInputs;
  /** Service override; `undefined`/null keeps the image's; `[]` or `""` resets it (and always clears image cmd). */
  entrypoint?: ArgvInput | null;
  /** Service override of the image cmd; `[]` or `""` resets it. */
  command?: ArgvInput | null;
  /** Service environment; wins over the image's. */
  env?: Readonly<Record<string, string>>;
  /** `user`, `uid`, `user:group` or `uid:gid`; overrides the image's. */
  user?: string;
  /** Extra groups (names or numbers), as compose `group_add`. */
  groupAdd?: readonly string[];
  workingDir?: string;
  readOnly?: boolean;
  hostname: string;
  domainname?: string;
  mounts?: readonly MountSpec[];
  /** Size of /dev/shm; Docker's default is 64 MiB. */
  shmSizeBytes?: number;
  etcFiles?: EtcFiles;
  network: NetworkAttachment;
  capAdd?: readonly string[];
  capDrop?: readonly string[];
  privileged?: boolean;
  noNewPrivileges?: boolean;
  ulimits?: readonly UlimitSpec[];
  sysctls?: Readonly<Record<string, string>>;
  resources?: ResourceLimits;
  init?: InitSpec;
  stopSignal?: string;
  stopGracePeriodMs?: number;
  labels?: Readonly<Record<string, string>>;
  tty?: boolean;
  stdinOpen?: boolean;
  health?: HealthSpec;
  restart?: RestartSpec;
}

/** Docker's default stop grace period. */
export const DEFAULT_STOP_GRACE_MS = 10_000;

/** The signal that stops the container: the service's, else the image's, else SIGTERM. */
export function effectiveStopSignal(spec: Pick<ContainerSpec, "stopSignal" | "image">): string {
  return spec.stopSignal ?? spec.image.stopSignal ?? "SIGTERM";
}
