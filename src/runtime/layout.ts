import { join } from "node:path";

/** Where one engine instance keeps everything; every kernel object's name derives from these. */
export interface RuntimeLocation {
  /** Engine root dir (bundles under `<root>/containers`). */
  root: string;
  /** Run dir (runc root, exit files, conmon sockets). */
  runDir: string;
  /** Instance name; the cgroup parent is `/berth-<instance>`. */
  instance: string;
}

/** Paths of one container's bundle. */
export interface BundlePaths {
  dir: string;
  config: string;
  upper: string;
  work: string;
  rootfs: string;
  log: string;
  pidFile: string;
  shimPidFile: string;
  exitFile: string;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Throws unless `name` is safe as a path component, runc id and cgroup name. */
export function checkName(kind: string, name: string): string {
  if (!namePattern.test(name)) throw new Error(`invalid ${kind} "${name}"`);
  return name;
}

/** The directory layout of one instance (pure path arithmetic). */
export function runtimeLayout(location: RuntimeLocation) {
  checkName("instance name", location.instance);
  const containers = join(location.root, "containers");
  const exits = join(location.runDir, "exits");
  return {
    containers,
    runcRoot: join(location.runDir, "runc"),
    exits,
    sockets: join(location.runDir, "conmon"),
    /** Output files of commands run through the relay shell (linux/relay-runner.ts). */
    relay: join(location.runDir, "relay"),
    cgroupParent: `/berth-${location.instance}`,
    bundle(id: string): BundlePaths {
      const dir = join(containers, checkName("container id", id));
      return {
        dir,
        config: join(dir, "config.json"),
        upper: join(dir, "upper"),
        work: join(dir, "work"),
        rootfs: join(dir, "rootfs"),
        log: join(dir, "ctr.log"),
        pidFile: join(dir, "pidfile"),
        shimPidFile: join(dir, "conmon.pid"),
        exitFile: join(exits, id),
      };
    },
  };
}

/** The layout object returned by `runtimeLayout`. */
export type RuntimeLayout = ReturnType<typeof runtimeLayout>;
