import { posix } from "node:path";
import type { ContainerSpec, MountSpec, Propagation } from "./container-spec.js";
import { ContainerSpecError } from "./errors.js";
import type { OciMount } from "./oci-types.js";

/** Where the init binary (catatonit) is bound inside the container. */
export const INIT_PATH_IN_CONTAINER = "/sbin/berth-init";

/** Docker's default /dev/shm size: 64 MiB. */
export const DEFAULT_SHM_SIZE_BYTES = 64 * 1024 * 1024;

const nodevExec = ["nosuid", "noexec", "nodev"];

/** Docker's standard mounts; host networking rbinds /sys (sysfs needs an own netns), privileged makes /sys and cgroup rw. */
export function standardMounts(
  spec: Pick<ContainerSpec, "network" | "privileged" | "shmSizeBytes">,
): OciMount[] {
  const ro = spec.privileged ? [] : ["ro"];
  const sys: OciMount =
    spec.network.mode === "host"
      ? { destination: "/sys", type: "bind", source: "/sys", options: ["rbind", ...nodevExec, ...ro] }
      : { destination: "/sys", type: "sysfs", source: "sysfs", options: [...nodevExec, ...ro] };
  const shm = spec.shmSizeBytes ?? DEFAULT_SHM_SIZE_BYTES;
  return [
    { destination: "/proc", type: "proc", source: "proc", options: [...nodevExec] },
    {
      destination: "/dev",
      type: "tmpfs",
      source: "tmpfs",
      options: ["nosuid", "strictatime", "mode=755", "size=65536k"],
    },
    {
      destination: "/dev/pts",
      type: "devpts",
      source: "devpts",
      options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
    },
    sys,
    { destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: [...ro, ...nodevExec] },
    { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: [...nodevExec] },
    {
      destination: "/dev/shm",
      type: "tmpfs",
      source: "shm",
      options: [...nodevExec, "mode=1777", `size=${shm}`],
    },
  ];
}

function checkTarget(target: string): string {
  if (!posix.isAbsolute(target)) throw new ContainerSpecError(`mount target "${target}" is not absolute`);
  const clean = posix.normalize(target);
  return clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean;
}

function bindOptions(readOnly: boolean | undefined, propagation: Propagation, recursive: boolean): string[] {
  return [recursive ? "rbind" : "bind", propagation, ...(readOnly ? ["ro"] : [])];
}

/** One user mount as OCI mount. */
export function toOciMount(mount: MountSpec): OciMount {
  const destination = checkTarget(mount.target);
  switch (mount.type) {
    case "bind":
      return {
        destination,
        type: "bind",
        source: mount.source,
        options: bindOptions(mount.readOnly, mount.propagation ?? "rprivate", mount.recursive ?? true),
      };
    case "volume":
      return {
        destination,
        type: "bind",
        source: mount.source,
        options: bindOptions(mount.readOnly, "rprivate", true),
      };
    case "tmpfs": {
      const options = [...nodevExec];
      if (mount.sizeBytes !== undefined) options.push(`size=${mount.sizeBytes}`);
      if (mount.mode !== undefined) options.push(`mode=${mount.mode.toString(8)}`);
      if (mount.readOnly) options.push("ro");
      return { destination, type: "tmpfs", source: "tmpfs", options };
    }
  }
}

/** Tmpfs targets whose mountpoint the engine must pre-create with the mode (runc 1.1.5 ignores `mode=`). */
export function tmpfsMountpoints(spec: Pick<ContainerSpec, "mounts">): { target: string; mode: number }[] {
  return (spec.mounts ?? []).flatMap((m) =>
    m.type === "tmpfs" && m.mode !== undefined ? [{ target: checkTarget(m.target), mode: m.mode }] : [],
  );
}

function depth(path: string): number {
  return path === "/" ? 0 : path.split("/").length - 1;
}

/** Engine-provided binds: /etc files and the init binary. */
function engineMounts(spec: ContainerSpec): OciMount[] {
  const rw = spec.readOnly ? ["ro"] : [];
  const files: [string, string | undefined][] = [
    ["/etc/resolv.conf", spec.etcFiles?.resolvConf],
    ["/etc/hostname", spec.etcFiles?.hostname],
    ["/etc/hosts", spec.etcFiles?.hosts],
  ];
  const mounts: OciMount[] = files.flatMap(([destination, source]) =>
    source === undefined
      ? []
      : [{ destination, type: "bind", source, options: ["rbind", "rprivate", ...rw] }],
  );
  if (spec.init) {
    mounts.push({
      destination: INIT_PATH_IN_CONTAINER,
      type: "bind",
      source: spec.init.path,
      options: ["bind", "rprivate", "ro"],
    });
  }
  return mounts;
}

/**
 * All mounts in order: standard ones first (minus those a user mount replaces), then engine binds and
 * user mounts stably sorted by target depth so a parent is mounted before what lies under it.
 */
export function buildMounts(spec: ContainerSpec): OciMount[] {
  const user = (spec.mounts ?? []).map(toOciMount);
  const seen = new Set<string>();
  for (const m of user) {
    if (seen.has(m.destination)) throw new ContainerSpecError(`duplicate mount target "${m.destination}"`);
    seen.add(m.destination);
  }
  const standard = standardMounts(spec).filter((m) => !seen.has(m.destination));
  const engine = engineMounts(spec).filter((m) => !seen.has(m.destination));
  const rest = [...engine, ...user]
    .map((mount, index) => ({ mount, index }))
    .sort((a, b) => depth(a.mount.destination) - depth(b.mount.destination) || a.index - b.index)
    .map((entry) => entry.mount);
  return [...standard, ...rest];
}
