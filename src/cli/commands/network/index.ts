import type { Command } from "commander";
import type { CliContext } from "../../cli-context.js";
import { addNetworkCreateCommand } from "./create.js";
import { addNetworkListCommands } from "./list-inspect.js";
import { addNetworkManageCommands } from "./manage.js";

/** Adds `berth network …`: create, ls, inspect, connect, disconnect, rm, prune (Docker's flags and output). */
export function addNetworkCommands(program: Command, context: CliContext): Command {
  const network = program.command("network").description("Manage networks").enablePositionalOptions();
  addNetworkCreateCommand(network, context);
  addNetworkListCommands(network, context);
  addNetworkManageCommands(network, context);
  return network;
}
