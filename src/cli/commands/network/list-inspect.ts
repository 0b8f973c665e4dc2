import type { Command } from "commander";
import { inspectNetworks, listNetworks } from "../../../app/networks/network-ops.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { collect } from "../../global-options.js";
import { formatList } from "../../render/format-list.js";
import { reportFailures } from "../container/each.js";
import { printInspected } from "../container/inspect.js";
import { parseFilterFlags } from "../container/ps.js";
import { dockerStatus } from "./docker-status.js";
import { networkLayout, networkRow } from "./network-rows.js";

interface LsFlags {
  quiet?: boolean;
  trunc: boolean;
  filter: string[];
  format?: string;
}

/** Adds `network ls` (alias `list`) and `network inspect`. */
export function addNetworkListCommands(parent: Command, context: CliContext): void {
  parent
    .command("ls")
    .alias("list")
    .description("List networks")
    .option("-q, --quiet", "only display network IDs")
    .option("--no-trunc", "do not truncate the output")
    .option("-f, --filter <filter>", "provide filter values (e.g. 'driver=bridge') (repeatable)", collect, [])
    .option("--format <format>", "format output: table, json, or a Go template ('{{.Name}}')")
    .action((flags: LsFlags) =>
      dockerStatus(async () => {
        const filters = parseFilterFlags(flags.filter);
        const networks = await listNetworks(await engineClient(context), filters);
        if (flags.quiet) {
          for (const n of networks) context.stdout(`${flags.trunc ? n.Id.slice(0, 12) : n.Id}\n`);
          return;
        }
        const rows = networks.map((n) => networkRow(n, { truncate: flags.trunc }));
        context.stdout(formatList(rows, flags.format, networkLayout));
      }),
    );
  parent
    .command("inspect")
    .description("Display detailed information on one or more networks")
    .argument("<network...>", "networks (names or ids)")
    .option("-f, --format <format>", "format output using a Go template ('{{.Name}}'), or json")
    .option("-v, --verbose", "verbose output for diagnostics")
    .action(async (names: string[], flags: { format?: string; verbose?: boolean }) => {
      const port = await engineClient(context);
      const { done, failed } = await inspectNetworks(port, names, { verbose: flags.verbose === true });
      printInspected(context, done, flags.format);
      await reportFailures(context, failed);
    });
}
