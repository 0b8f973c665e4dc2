import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { addContainerCommands } from "./commands/container/index.js";
import { addImageCommands } from "./commands/image/index.js";

const engineCommandNames = new Set(["container", "image", "network", "volume"]);

/** The first word of a command line that is not a root option or its value. */
export function firstOperand(program: Command, args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") return args[i + 1];
    if (!arg.startsWith("-") || arg === "-") return arg;
    if (arg.includes("=")) continue;
    const option = program.options.find((o) => o.long === arg || o.short === arg);
    if (option?.required || option?.optional) i++;
  }
  return undefined;
}

/**
 * Adds `berth container …` and `berth image …`. For them the root stops reading its own options at
 * the subcommand, so `-f`/`-p` after it (`ps -f status=exited`, `rm -f`, `run IMAGE sh -p`) reach the
 * subcommand rather than the compose options; compose commands keep global options anywhere.
 */
export function addEngineCommands(program: Command, context: CliContext): void {
  addContainerCommands(program, context);
  addImageCommands(program, context);
  const parseOptions = program.parseOptions.bind(program);
  program.parseOptions = (args) => {
    const name = firstOperand(program, args);
    program.enablePositionalOptions(name !== undefined && engineCommandNames.has(name));
    return parseOptions(args);
  };
}
