import type { Command } from "commander";
import { inspectContainers, topContainer } from "../../../app/containers/container-ops.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { inspectJson } from "../../render/json.js";
import { renderTable } from "../../render/table.js";
import { compileTemplate, splitFormat } from "../../render/template.js";
import { reportFailures } from "./each.js";

/** Prints inspect documents as Docker does: a JSON array, or one template line per document. */
export function printInspected(
  context: CliContext,
  found: readonly unknown[],
  format: string | undefined,
): void {
  if (format === undefined || format.trim() === "" || format.trim() === "json") {
    context.stdout(inspectJson(found));
    return;
  }
  const template = compileTemplate(splitFormat(format).body);
  for (const item of found) context.stdout(`${template.render(item)}\n`);
}

/** Adds `inspect CONTAINER...` (JSON array, -f template) and `top CONTAINER [ps OPTIONS]`. */
export function addInspectCommands(parent: Command, context: CliContext): void {
  parent
    .command("inspect")
    .description("Display detailed information on one or more containers")
    .argument("<container...>", "containers (names or ids)")
    .option("-f, --format <format>", "format output using a Go template ('{{.State.Status}}'), or json")
    .option("-s, --size", "display total file sizes (not reported by berth yet)")
    .action(async (ids: string[], flags: { format?: string }) => {
      const port = await engineClient(context);
      const { found, failed } = await inspectContainers(port, ids);
      printInspected(context, found, flags.format);
      await reportFailures(context, failed);
    });
  parent
    .command("top")
    .description("Display the running processes of a container")
    .argument("<container>", "the container (name or id)")
    .argument("[ps-options...]", "options for ps")
    .passThroughOptions()
    .action(async (id: string, psArgs: string[]) => {
      const port = await engineClient(context);
      const top = await topContainer(port, id, psArgs.length > 0 ? psArgs.join(" ") : undefined);
      context.stdout(renderTable([top.Titles, ...top.Processes], 20));
    });
}
