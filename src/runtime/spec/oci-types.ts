// The part of the OCI runtime specification (config.json, v1.0.2 as read by runc 1.1.5) that berth emits.

/** rlimit value: a number, or a bigint for RLIM_INFINITY (2^64-1 does not fit a JSON double). */
export type OciRlimitValue = number | bigint;

/** One POSIX rlimit of the container process. */
export interface OciRlimit {
  type: string;
  hard: OciRlimitValue;
  soft: OciRlimitValue;
}

/** Capability sets of the container process (inheritable and ambient stay empty, as in Docker ≥ 23). */
export interface OciCapabilities {
  bounding: string[];
  effective: string[];
  permitted: string[];
}

/** Identity of the container process. */
export interface OciUser {
  uid: number;
  gid: number;
  additionalGids?: number[];
}

/** The container's main process. */
export interface OciProcess {
  terminal: boolean;
  user: OciUser;
  args: string[];
  env: string[];
  cwd: string;
  capabilities: OciCapabilities;
  rlimits: OciRlimit[];
  noNewPrivileges: boolean;
}

/** Root filesystem of the container. */
export interface OciRoot {
  path: string;
  readonly: boolean;
}

/** One mount, applied in array order. */
export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

/** A namespace to create (no path) or to join (path). */
export interface OciNamespace {
  type: "pid" | "ipc" | "uts" | "mount" | "network" | "cgroup" | "user";
  path?: string;
}

/** One device cgroup rule. */
export interface OciDeviceRule {
  allow: boolean;
  type?: "a" | "b" | "c";
  major?: number;
  minor?: number;
  access: string;
}

/** A device node to create inside the container (privileged mode passes the host's). */
export interface OciDevice {
  path: string;
  type: "b" | "c" | "u" | "p";
  major: number;
  minor: number;
  fileMode?: number;
  uid?: number;
  gid?: number;
}

/** Memory cgroup limits; `swap` is memory+swap, as runc reads it on cgroup v1. */
export interface OciMemory {
  limit?: number;
  swap?: number;
  reservation?: number;
}

/** CPU cgroup limits. */
export interface OciCpu {
  shares?: number;
  quota?: number;
  period?: number;
  cpus?: string;
}

/** Cgroup resources of the container. */
export interface OciResources {
  devices: OciDeviceRule[];
  memory?: OciMemory;
  cpu?: OciCpu;
  pids?: { limit: number };
}

/** Linux-specific part of the spec. */
export interface OciLinux {
  namespaces: OciNamespace[];
  cgroupsPath: string;
  resources: OciResources;
  sysctl?: Record<string, string>;
  maskedPaths: string[];
  readonlyPaths: string[];
  devices?: OciDevice[];
  rootfsPropagation?: "rprivate" | "rslave" | "rshared";
}

/** The whole config.json. */
export interface OciSpec {
  ociVersion: string;
  process: OciProcess;
  root: OciRoot;
  hostname?: string;
  domainname?: string;
  mounts: OciMount[];
  linux: OciLinux;
  annotations?: Record<string, string>;
}
