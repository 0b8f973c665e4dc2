import type { Command } from "commander";
import type { CliContext } from "../../cli-context.js";
import { addPortCommand } from "../network/container-port.js";
import { addExecCommand } from "./exec.js";
import { addInspectCommands } from "./inspect.js";
import { addLifecycleCommands } from "./lifecycle.js";
import { addLogsCommand } from "./logs.js";
import { addPsCommand } from "./ps.js";
import { addCreateCommand, addRunCommand } from "./run.js";

/** Adds `berth container …`: run, create, start, stop, restart, kill, rm, ps, logs, exec, inspect, wait, pause, unpause, top, port. */
export function addContainerCommands(program: Command, context: CliContext): Command {
  // Positional options let `run IMAGE CMD -x` pass `-x` to the command, as Docker stops at the image.
  // program.command() hands down exitOverride and the output streams to every subcommand below.
  const container = program.command("container").description("Manage containers").enablePositionalOptions();
  addRunCommand(container, context);
  addCreateCommand(container, context);
  addLifecycleCommands(container, context);
  addPsCommand(container, context);
  addLogsCommand(container, context);
  addExecCommand(container, context);
  addInspectCommands(container, context);
  addPortCommand(container, context);
  return container;
}
