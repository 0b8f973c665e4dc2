import type { Command } from "commander";
import type { CliContext } from "../../cli-context.js";
import { addArchiveCommands } from "./import-load-save.js";
import { addImageManageCommands } from "./manage.js";

/** Adds `berth image …`: import, load, save, ls, inspect, tag, rm, prune. */
export function addImageCommands(program: Command, context: CliContext): Command {
  const image = program.command("image").description("Manage images").enablePositionalOptions();
  addArchiveCommands(image, context);
  addImageManageCommands(image, context);
  return image;
}
