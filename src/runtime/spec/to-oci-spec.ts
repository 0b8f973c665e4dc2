import { posix } from "node:path";
import { resolveArgv } from "./argv.js";
import { resolveCapabilities } from "./capabilities.js";
import type { ContainerSpec } from "./container-spec.js";
import { mergeEnv } from "./env.js";
import { ContainerSpecError } from "./errors.js";
import { buildMounts, INIT_PATH_IN_CONTAINER } from "./mounts.js";
import type { OciDevice, OciLinux, OciNamespace, OciSpec } from "./oci-types.js";
import { type ResourceHost, type RlimitHost, toOciResources, toOciRlimits } from "./resources.js";
import { resolveUser } from "./user.js";

/** OCI spec version written into config.json (what runc 1.1.5 generates). */
export const OCI_VERSION = "1.0.2-dev";

/** Docker's masked paths for unprivileged containers. */
export const MASKED_PATHS: readonly string[] = [
  "/proc/asound",
  "/proc/acpi",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/proc/scsi",
  "/sys/firmware",
  "/sys/devices/virtual/powercap",
];

/** Docker's read-only /proc paths for unprivileged containers. */
export const READONLY_PATHS: readonly string[] = [
  "/proc/bus",
  "/proc/fs",
  "/proc/irq",
  "/proc/sys",
  "/proc/sysrq-trigger",
];

/** Facts about the host and engine instance that the translation needs. */
export interface OciHostFacts extends ResourceHost, RlimitHost {
  /** The engine's capability bounding set (`boundingCapabilitiesFromStatus`); absent means all. */
  boundingCapabilities?: readonly string[];
  /** Absolute cgroup parent of this engine instance, e.g. `/berth-default`. */
  cgroupParent: string;
  /** Host device nodes given to privileged containers. */
  devices?: readonly OciDevice[];
}

/** Texts of the container's /etc/passwd and /etc/group ("" when absent). */
export interface RootfsFiles {
  passwd: string;
  group: string;
}

function namespaces(spec: ContainerSpec): OciNamespace[] {
  const list: OciNamespace[] = [{ type: "pid" }, { type: "ipc" }, { type: "uts" }, { type: "mount" }];
  if (spec.network.mode === "netns") list.push({ type: "network", path: spec.network.path });
  if (spec.network.mode === "none") list.push({ type: "network" });
  list.push({ type: "cgroup" });
  return list;
}

function cgroupsPath(parent: string, id: string): string {
  if (!posix.isAbsolute(parent)) throw new ContainerSpecError(`cgroup parent "${parent}" is not absolute`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id)) throw new ContainerSpecError(`invalid container id "${id}"`);
  return posix.join(parent, id);
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k] ?? ""]),
  );
}

function sysctls(spec: ContainerSpec): Record<string, string> | undefined {
  const all = spec.sysctls ?? {};
  const keys = Object.keys(all);
  if (keys.length === 0) return undefined;
  if (spec.network.mode === "host") {
    const net = keys.filter((k) => k.startsWith("net."));
    if (net.length > 0) {
      throw new ContainerSpecError(`sysctl ${net.sort().join(", ")} not allowed with host networking`);
    }
  }
  return sortedRecord(all);
}

function rootfsPropagation(spec: ContainerSpec): OciLinux["rootfsPropagation"] {
  const props = (spec.mounts ?? []).flatMap((m) =>
    m.type === "bind" && m.propagation ? [m.propagation] : [],
  );
  if (props.some((p) => p.endsWith("shared"))) return "rshared";
  if (props.some((p) => p.endsWith("slave"))) return "rslave";
  return undefined;
}

/** The runc config.json for one container; pure, throws `ContainerSpecError` on an unusable spec. */
export function toOciSpec(spec: ContainerSpec, host: OciHostFacts, files: RootfsFiles): OciSpec {
  if (!posix.isAbsolute(spec.rootfs)) throw new ContainerSpecError(`rootfs "${spec.rootfs}" is not absolute`);
  const argv = resolveArgv(spec.image, { entrypoint: spec.entrypoint, command: spec.command });
  const user = resolveUser(spec.user ?? spec.image.user, files, spec.groupAdd);
  const cwd = spec.workingDir || spec.image.workingDir || "/";
  if (!posix.isAbsolute(cwd)) throw new ContainerSpecError(`working directory "${cwd}" is not absolute`);
  const caps = resolveCapabilities(spec, host.boundingCapabilities);
  const linux: OciLinux = {
    namespaces: namespaces(spec),
    cgroupsPath: cgroupsPath(host.cgroupParent, spec.id),
    resources: toOciResources(spec.resources ?? {}, { privileged: spec.privileged, host }),
    maskedPaths: spec.privileged ? [] : [...MASKED_PATHS],
    readonlyPaths: spec.privileged ? [] : [...READONLY_PATHS],
  };
  const sysctl = sysctls(spec);
  if (sysctl) linux.sysctl = sysctl;
  if (spec.privileged && host.devices && host.devices.length > 0) linux.devices = [...host.devices];
  const propagation = rootfsPropagation(spec);
  if (propagation) linux.rootfsPropagation = propagation;
  const oci: OciSpec = {
    ociVersion: OCI_VERSION,
    process: {
      terminal: spec.tty === true,
      user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
      args: spec.init ? [INIT_PATH_IN_CONTAINER, "--", ...argv] : argv,
      env: mergeEnv(spec.image.env ?? [], spec.env ?? {}, {
        hostname: spec.hostname,
        tty: spec.tty,
        home: user.home,
      }),
      cwd: posix.normalize(cwd).replace(/(.)\/$/, "$1"),
      capabilities: { bounding: caps, effective: [...caps], permitted: [...caps] },
      rlimits: toOciRlimits(spec.ulimits ?? [], host),
      noNewPrivileges: spec.noNewPrivileges === true,
    },
    root: { path: spec.rootfs, readonly: spec.readOnly === true },
    hostname: spec.hostname,
    mounts: buildMounts(spec),
    linux,
  };
  if (spec.domainname) oci.domainname = spec.domainname;
  if (spec.labels && Object.keys(spec.labels).length > 0) oci.annotations = sortedRecord(spec.labels);
  return oci;
}

/** config.json text; bigint rlimits (RLIM_INFINITY) are written as exact integers. */
export function serializeOciSpec(spec: OciSpec): string {
  const marker = "\u0000bigint:";
  const text = JSON.stringify(
    spec,
    (_key, value: unknown) => (typeof value === "bigint" ? `${marker}${value.toString()}` : value),
    2,
  );
  return text.replace(/"\\u0000bigint:(\d+)"/g, "$1") + "\n";
}
