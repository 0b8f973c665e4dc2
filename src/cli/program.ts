import { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { addConfigCommand } from "./commands/config.js";
import { addEngineCommand } from "./commands/engine.js";
import { addNetworkCommands } from "./commands/network/index.js";
import { addVersionCommand } from "./commands/version.js";
import { addVolumeCommands } from "./commands/volume/index.js";
import { addEngineCommands } from "./engine-commands.js";
import { collect } from "./global-options.js";

/** The `berth` command line: the global options of every compose command, and its subcommands. */
export function buildProgram(context: CliContext): Command {
  const program = new Command("berth")
    .description("Define and run multi-container applications, with berth's own container engine")
    .option("-f, --file <file>", "compose configuration files (repeatable; '-' reads stdin)", collect, [])
    .option("-p, --project-name <name>", "project name")
    .option("--project-directory <dir>", "alternate working directory (default: the first compose file's)")
    .option("--env-file <file>", "alternate environment file (repeatable)", collect, [])
    .option("--profile <profile>", "enable a profile (repeatable)", collect, [])
    .option("--debug", "show stack traces and debug output")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
    });
  addConfigCommand(program, context);
  addVersionCommand(program, context);
  addEngineCommand(program, context);
  addEngineCommands(program, context);
  addNetworkCommands(program, context);
  addVolumeCommands(program, context);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
    });
  }
  return program;
}
