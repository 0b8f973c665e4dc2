import { type Command, Option } from "commander";
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

interface RunFlags extends EngineLocationFlags {
  logLevel: string;
  addressPools?: string[];
  defaultAddressPool?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function locationOptions(command: Command): Command {
  return command
    .option("--root <dir>", "engine root directory (default /var/lib/berth, or BERTH_ENGINE_ROOT)")
    .option("--run-dir <dir>", "run directory (default /run/berth, or BERTH_ENGINE_RUN_DIR)")
    .option("--socket <path>", "API socket (default BERTH_HOST's, else <run-dir>/berth.sock)")
    .option(
      "--instance <name>",
      "instance name for kernel objects (default 'default', or BERTH_ENGINE_INSTANCE)",
    );
}

/** `berth engine`: the daemon in the foreground until SIGTERM/SIGINT (containers keep running). */
async function runEngine(flags: RunFlags, context: CliContext): Promise<void> {
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

async function status(flags: EngineLocationFlags, context: CliContext): Promise<void> {
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

async function stop(flags: EngineLocationFlags, context: CliContext): Promise<void> {
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

/** Adds `berth engine` (run, status, stop, logs, start). */
export function addEngineCommand(program: Command, context: CliContext): void {
  const engine = locationOptions(
    program
      .command("engine")
      .description("Run the berth engine in the foreground, or manage the running one")
      .addOption(
        new Option("--log-level <level>", "engine log level")
          .choices(["debug", "info", "warn", "error"])
          .default("info"),
      )
      .option(
        "--address-pools <base=CIDR,size=N>",
        "pool the subnets of new networks come from (repeatable; default base=10.213.0.0/16,size=24)",
        collect,
      )
      .option("--default-address-pool <base=CIDR,size=N>", "Docker's spelling of --address-pools", collect),
  ).action((flags: RunFlags) => runEngine(flags, context));
  locationOptions(
    engine.command("status").description("Show whether the engine runs, its version, PID and root"),
  ).action((_flags: EngineLocationFlags, command: Command) => status(flagsOf(command), context));
  locationOptions(engine.command("stop").description("Stop the engine (containers keep running)")).action(
    (_flags: EngineLocationFlags, command: Command) => stop(flagsOf(command), context),
  );
  locationOptions(engine.command("logs").description("Print the engine's log file")).action(
    (_flags: EngineLocationFlags, command: Command) => {
      const text = readLog(engineLocation(flagsOf(command), context.env).logFile);
      context.stdout(text ?? "");
    },
  );
  locationOptions(
    engine.command("start").description("Start the engine in the background unless it already answers"),
  ).action(async (_flags: EngineLocationFlags, command: Command) => {
    const paths = engineLocation(flagsOf(command), context.env);
    if (await pingEngine(paths.socketPath)) {
      context.stdout(`the berth engine already runs on ${paths.socketPath}\n`);
      return;
    }
    await autoStartEngine({ ...context, env: { ...context.env, ...envOf(paths) } }, paths.socketPath);
  });
  for (const command of [engine, ...engine.commands]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
    });
  }
}

/** The location flags given before or after the subcommand (`engine --root X status` or `engine status --root X`). */
function flagsOf(command: Command): EngineLocationFlags {
  const all = command.optsWithGlobals<EngineLocationFlags & Record<string, unknown>>();
  const pick = (key: keyof EngineLocationFlags) => (typeof all[key] === "string" ? { [key]: all[key] } : {});
  return { ...pick("root"), ...pick("runDir"), ...pick("socket"), ...pick("instance") };
}

function envOf(paths: { root: string; runDir: string; instance: string }): Record<string, string> {
  return {
    BERTH_ENGINE_ROOT: paths.root,
    BERTH_ENGINE_RUN_DIR: paths.runDir,
    BERTH_ENGINE_INSTANCE: paths.instance,
  };
}
