import { type EngineLocationOptions, type EnginePaths, enginePaths } from "../engine/paths.js";
import { UsageError } from "../shared/errors.js";

/** Where the engine is, as flags give it (`--root`, `--run-dir`, `--socket`, `--instance`). */
export interface EngineLocationFlags {
  root?: string;
  runDir?: string;
  socket?: string;
  instance?: string;
}

/** The socket path of BERTH_HOST (`unix:///path`), or undefined when unset. */
export function socketFromHost(host: string | undefined): string | undefined {
  if (host === undefined || host.trim() === "") return undefined;
  const found = /^unix:\/\/(\/.+)$/.exec(host.trim());
  if (!found?.[1]) {
    throw new UsageError(`BERTH_HOST=${host} is not supported: use unix:///absolute/path/to/berth.sock`);
  }
  return found[1];
}

/**
 * The engine's paths from the flags, then the environment (BERTH_ENGINE_ROOT, BERTH_ENGINE_RUN_DIR,
 * BERTH_ENGINE_INSTANCE, BERTH_HOST for the socket), then the defaults.
 */
export function engineLocation(
  flags: EngineLocationFlags,
  env: Readonly<Record<string, string | undefined>>,
): EnginePaths {
  const options: EngineLocationOptions = {};
  const root = flags.root ?? env.BERTH_ENGINE_ROOT;
  const runDir = flags.runDir ?? env.BERTH_ENGINE_RUN_DIR;
  const instance = flags.instance ?? env.BERTH_ENGINE_INSTANCE;
  const socketPath = flags.socket ?? socketFromHost(env.BERTH_HOST);
  if (root) options.root = root;
  if (runDir) options.runDir = runDir;
  if (instance) options.instance = instance;
  if (socketPath) options.socketPath = socketPath;
  return enginePaths(options);
}

/** The flags that point a child `berth engine` at the same place. */
export function locationArgs(paths: EnginePaths): string[] {
  return [
    "--root",
    paths.root,
    "--run-dir",
    paths.runDir,
    "--instance",
    paths.instance,
    "--socket",
    paths.socketPath,
  ];
}
