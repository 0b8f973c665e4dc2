import { type Command, Option } from "commander";
import type { CliContext } from "../cli-context.js";
import type { EngineLocationFlags } from "../engine-location.js";
import type { RunFlags } from "./engine-actions.js";

type Actions = typeof import("./engine-actions.js");

/** The implementations, loaded when an engine command runs (not for `config` or `--help`). */
function actions(): Promise<Actions> {
  return import("./engine-actions.js");
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

/** Adds `berth engine` (run, status, stop, logs, start, reset). */
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
  ).action(async (flags: RunFlags) => (await actions()).runEngine(flags, context));
  locationOptions(
    engine.command("status").description("Show whether the engine runs, its version, PID and root"),
  ).action(async (_flags: EngineLocationFlags, command: Command) =>
    (await actions()).status(flagsOf(command), context),
  );
  locationOptions(engine.command("stop").description("Stop the engine (containers keep running)")).action(
    async (_flags: EngineLocationFlags, command: Command) =>
      (await actions()).stop(flagsOf(command), context),
  );
  locationOptions(engine.command("logs").description("Print the engine's log file")).action(
    async (_flags: EngineLocationFlags, command: Command) =>
      (await actions()).logs(flagsOf(command), context),
  );
  locationOptions(
    engine.command("start").description("Start the engine in the background unless it already answers"),
  ).action(async (_flags: EngineLocationFlags, command: Command) =>
    (await actions()).start(flagsOf(command), context),
  );
  locationOptions(
    engine
      .command("reset")
      .description(
        "With the engine stopped: remove its containers (killed if running) and networks with every kernel object; keep images and volumes",
      ),
  ).action(async (_flags: EngineLocationFlags, command: Command) =>
    (await actions()).reset(flagsOf(command), context),
  );
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
