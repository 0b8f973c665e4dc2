import { CommanderError } from "commander";
import type { CliContext } from "./cli-context.js";
import { useColor } from "./color.js";
import { ExitStatus } from "./command-exit.js";
import { usageExitStatus } from "./exit-codes.js";
import { buildProgram } from "./program.js";
import { renderError } from "./render-error.js";

/** Runs one berth command line (without `node` and the script) and returns its exit status. */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  const program = buildProgram(context, args);
  try {
    if (args.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync([...args], { from: "user" });
    return 0;
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message, naming the argument; help and version end well.
      if (error.exitCode === 0) return 0;
      return usageExitStatus;
    }
    const debug = args.includes("--debug");
    const color = useColor(context.stderrIsTTY, context.env);
    if (error instanceof ExitStatus) {
      if (error.reason !== undefined)
        context.stderr((await renderError(error.reason, { debug, color }, context)).text);
      return error.status;
    }
    const { text, status } = await renderError(error, { debug, color }, context);
    context.stderr(text);
    return status;
  }
}
