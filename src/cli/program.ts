import { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { addConfigCommand } from "./commands/config.js";
import { addEngineCommand } from "./commands/engine.js";
import { addNetworkCommands } from "./commands/network/index.js";
import { addVersionCommand } from "./commands/version.js";
import { addVolumeCommands } from "./commands/volume/index.js";
import { addEngineCommands, firstOperand } from "./engine-commands.js";
import { collect } from "./global-options.js";

/** Commands that need no other command's set-up: a command line naming one of them builds only it. */
const standalone: Record<string, (program: Command, context: CliContext) => void> = {
  config: addConfigCommand,
  convert: addConfigCommand,
  version: addVersionCommand,
  engine: addEngineCommand,
};

/**
 * The `berth` command line: the global options of every compose command, and its subcommands. Given
 * the arguments, a line that runs a standalone command (`berth config …`) sets up only that one
 * (defining every command's options costs more than a small `config` run); anything else (help, an
 * unknown word, engine commands) gets them all.
 */
export function buildProgram(context: CliContext, args?: readonly string[]): Command {
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
  const help = args === undefined || args.some((arg) => arg === "-h" || arg === "--help");
  const name = help ? undefined : firstOperand(program, args);
  const only = name === undefined || !Object.hasOwn(standalone, name) ? undefined : standalone[name];
  if (only !== undefined) only(program, context);
  else addAllCommands(program, context);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
    });
  }
  return program;
}

function addAllCommands(program: Command, context: CliContext): void {
  addConfigCommand(program, context);
  addVersionCommand(program, context);
  addEngineCommand(program, context);
  addEngineCommands(program, context);
  addNetworkCommands(program, context);
  addVolumeCommands(program, context);
}
