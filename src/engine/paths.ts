import { join, resolve } from "node:path";

/** Where one engine lives: root dir, run dir and instance name (every path and kernel name derives from these). */
export interface EngineLocationOptions {
  /** Default `/var/lib/berth`. */
  root?: string;
  /** Default `/run/berth`. */
  runDir?: string;
  /** Default `default`; names the cgroup parent and runc/conmon objects. */
  instance?: string;
  /** Default `<runDir>/berth.sock`. */
  socketPath?: string;
}

/** The engine's paths, all derived from its location options. */
export interface EnginePaths {
  root: string;
  runDir: string;
  instance: string;
  /** Container records (`<state>/<id>/state.json`) and generated /etc files. */
  stateDir: string;
  /** Named volumes: `<root>/volumes/<name>/_data`. */
  volumesDir: string;
  socketPath: string;
  /** The engine's own log (the detached daemon's stdout and stderr). */
  logFile: string;
  /** One engine per root: its PID is in this file while it runs. */
  lockFile: string;
}

/** Default engine root. */
export const DEFAULT_ROOT = "/var/lib/berth";
/** Default run dir. */
export const DEFAULT_RUN_DIR = "/run/berth";
/** Default instance name. */
export const DEFAULT_INSTANCE = "default";

/**
 * Computes every path of an engine from its options; relative ones are taken against the current
 * directory once, here (a detached engine runs in `/`).
 */
export function enginePaths(options: EngineLocationOptions = {}): EnginePaths {
  const root = resolve(options.root ?? DEFAULT_ROOT);
  const runDir = resolve(options.runDir ?? DEFAULT_RUN_DIR);
  return {
    root,
    runDir,
    instance: options.instance ?? DEFAULT_INSTANCE,
    stateDir: join(root, "engine", "containers"),
    volumesDir: join(root, "volumes"),
    socketPath: options.socketPath === undefined ? join(runDir, "berth.sock") : resolve(options.socketPath),
    logFile: join(root, "engine.log"),
    lockFile: join(root, "engine.pid"),
  };
}
