import type { Command } from "commander";
import type { CliContext } from "../../cli-context.js";
import { addVolumeSubcommands } from "./volume-commands.js";

/** Adds `berth volume …`: create, ls, inspect, rm, prune (Docker's flags and output). */
export function addVolumeCommands(program: Command, context: CliContext): Command {
  const volume = program.command("volume").description("Manage volumes").enablePositionalOptions();
  addVolumeSubcommands(volume, context);
  return volume;
}
