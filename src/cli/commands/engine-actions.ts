import { isLogLevel, type LogLevel, lineLog } from "../../engine/util/engine-log.js";
import { terminateProcess } from "../../platform/daemon-spawn.js";
import { appendLog, readLog, stderrIsFile } from "../../platform/log-file.js";
import { nodeClock } from "../../platform/node-clock.js";
import { liveLockOwner } from "../../platform/pid-lock.js";
import { exitSoon, nextTermination } from "../../platform/process-signals.js";
import { BerthError, UsageError } from "../../shared/errors.js";
import type { CliContext } from "../cli-context.js";
import { autoStartEngine } from "../engine-autostart.js";
import { type EngineLocationFlags, engineLocation } from "../engine-location.js";
import { engineGet, pingEngine } from "../engine-ping.js";

// What `berth engine …` does, loaded by commands/engine.ts only when one of them runs: the platform
// adapters here (child processes, pid files, signals) and node:http stay out of other commands.

/** The flags of `berth engine` (the daemon itself). */
export interface RunFlags extends EngineLocationFlags {
  logLevel: string;
  addressPools?: string[];
  defaultAddressPool?: string[];
}

/** `berth engine`: the daemon in the foreground until SIGTERM/SIGINT (containers keep running). */
export async function runEngine(flags: RunFlags, context: CliContext): Promise<void> {
  if (!isLogLevel(flags.logLevel)) throw new UsageError(`--log-level must be debug, info, warn or error`);
  const level: LogLevel = flags.logLevel;
  const paths = engineLocation(flags, context.env);
  const toFileToo = !stderrIsFile(paths.logFile);
  const log = lineLog({
    level,
    now: () => Date.now(),
    write: (line) => {
      context.stderr(line);
      if (toFileToo) appendLog(paths.logFile, line);
    },
  });
  const { parseAddressPools } = await import("../../engine/networks/address-pool-flag.js");
  const addressPools = parseAddressPools([
    ...(flags.addressPools ?? []),
    ...(flags.defaultAddressPool ?? []),
  ]);
  const { startEngine } = await import("../../engine/daemon/start-engine.js");
  const running = await startEngine({
    ...(addressPools ? { addressPools } : {}),
    ...paths,
    socketPath: paths.socketPath,
    log,
    version: context.version,
  });
  const signal = await nextTermination();
  log.info(`received ${signal}: stopping the engine (containers keep running)`);
  await running.stop();
  exitSoon(0);
}

/** `berth engine status`: version, PID, root, socket and log of the running engine. */
export async function status(flags: EngineLocationFlags, context: CliContext): Promise<void> {
  const paths = engineLocation(flags, context.env);
  const version = await engineGet(paths.socketPath, "/version");
  if (version?.status !== 200) {
    throw new BerthError(
      "ENGINE_UNAVAILABLE",
      `the berth engine is not running (nothing answers on ${paths.socketPath})`,
    );
  }
  const parsed = JSON.parse(version.body) as { Version?: string; ApiVersion?: string };
  const owner = await liveLockOwner(paths.lockFile);
  context.stdout(
    [
      `engine:  running`,
      `version: ${parsed.Version ?? "?"} (API ${parsed.ApiVersion ?? "?"})`,
      `pid:     ${owner?.pid ?? "unknown (not this root's engine?)"}`,
      `root:    ${paths.root}`,
      `socket:  ${paths.socketPath}`,
      `log:     ${paths.logFile}`,
      "",
    ].join("\n"),
  );
}

/** `berth engine stop`: SIGTERM to the lock owner, then wait until it has let go of the lock. */
export async function stop(flags: EngineLocationFlags, context: CliContext): Promise<void> {
  const paths = engineLocation(flags, context.env);
  const owner = await liveLockOwner(paths.lockFile);
  if (!owner) {
    context.stdout(`the berth engine of ${paths.root} is not running\n`);
    return;
  }
  terminateProcess(owner.pid);
  const clock = nodeClock();
  const deadline = clock.now() + 30_000;
  while (await liveLockOwner(paths.lockFile)) {
    if (clock.now() > deadline) {
      throw new BerthError(
        "ENGINE_UNAVAILABLE",
        `the berth engine (pid ${owner.pid}) did not stop within 30 s`,
      );
    }
    await clock.sleep(50);
  }
  context.stdout(`stopped the berth engine (pid ${owner.pid}); containers keep running\n`);
}

/** `berth engine logs`: the engine's log file. */
export function logs(flags: EngineLocationFlags, context: CliContext): void {
  const text = readLog(engineLocation(flags, context.env).logFile);
  context.stdout(text ?? "");
}

/** `berth engine start`: starts the engine in the background unless one already answers. */
export async function start(flags: EngineLocationFlags, context: CliContext): Promise<void> {
  const paths = engineLocation(flags, context.env);
  if (await pingEngine(paths.socketPath)) {
    context.stdout(`the berth engine already runs on ${paths.socketPath}\n`);
    return;
  }
  await autoStartEngine({ ...context, env: { ...context.env, ...envOf(paths) } }, paths.socketPath);
}

function envOf(paths: { root: string; runDir: string; instance: string }): Record<string, string> {
  return {
    BERTH_ENGINE_ROOT: paths.root,
    BERTH_ENGINE_RUN_DIR: paths.runDir,
    BERTH_ENGINE_INSTANCE: paths.instance,
  };
}

/** `berth engine reset`: the stopped engine's containers, networks and their kernel objects removed. */
export async function reset(flags: EngineLocationFlags, context: CliContext): Promise<void> {
  const paths = engineLocation(flags, context.env);
  const { resetEngineInstance } = await import("../../engine/daemon/reset-engine.js");
  const report = await resetEngineInstance(paths);
  const { bridges, netns, table } = report.network;
  context.stdout(
    `reset the berth engine instance ${report.instance} of ${report.root}: containers removed, ` +
      `${bridges.length} bridge(s), ${netns.length} netns${table ? ", its nft table" : ""} removed; ` +
      "images and volumes kept\n",
  );
}
