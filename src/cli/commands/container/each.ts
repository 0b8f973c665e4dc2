import type { Command } from "commander";
import { eachContainer } from "../../../app/containers/container-ops.js";
import type { EnginePort } from "../../../app/containers/engine-port.js";
import type { CliContext } from "../../cli-context.js";
import { useColor } from "../../color.js";
import { ExitStatus } from "../../command-exit.js";
import { engineClient } from "../../engine-connection.js";
import { renderError } from "../../render-error.js";

/** Renders each failure on stderr (one line each) and ends with status 1 when there was any. */
export async function reportFailures(
  context: CliContext,
  failed: readonly { error: unknown }[],
): Promise<void> {
  if (failed.length === 0) return;
  const view = { debug: false, color: useColor(context.stderrIsTTY, context.env) };
  for (const { error } of failed) context.stderr((await renderError(error, view, context)).text);
  throw new ExitStatus(1);
}

/**
 * Adds a command that applies one operation to each named container, printing each name as Docker
 * does when it succeeded and each failure on stderr (exit status 1 when any failed).
 */
export function addEachCommand<F>(
  parent: Command,
  context: CliContext,
  spec: {
    name: string;
    description: string;
    options?: (command: Command) => Command;
    operation: (port: EnginePort, id: string, flags: F) => Promise<string | undefined>;
  },
): void {
  const base = parent
    .command(spec.name)
    .description(spec.description)
    .argument("<container...>", "containers (names or ids)");
  (spec.options ? spec.options(base) : base).action(async (ids: string[], flags: F) => {
    const port = await engineClient(context);
    const { failed } = await eachContainer(ids, async (id) => {
      const line = await spec.operation(port, id, flags);
      if (line !== undefined) context.stdout(`${line}\n`);
    });
    await reportFailures(context, failed);
  });
}
