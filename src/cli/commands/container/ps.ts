import type { Command } from "commander";
import type { Filters } from "../../../app/containers/api-types.js";
import { listContainers } from "../../../app/containers/container-ops.js";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { clockOf } from "../../engine-io.js";
import { collect } from "../../global-options.js";
import { containerLayout, containerRow, shortId } from "../../render/container-rows.js";
import { formatList } from "../../render/format-list.js";

/** `--filter key=value` flags as Docker's filters (`label=a=b` → label: ["a=b"]). */
export function parseFilterFlags(values: readonly string[]): Filters {
  const filters: Filters = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq <= 0) throw new UsageError(`bad format of filter (expected name=value): "${value}"`);
    const key = value.slice(0, eq).trim().toLowerCase();
    filters[key] = [...(filters[key] ?? []), value.slice(eq + 1)];
  }
  return filters;
}

interface PsFlags {
  all?: boolean;
  quiet?: boolean;
  trunc: boolean;
  filter: string[];
  format?: string;
  last?: string;
  latest?: boolean;
  size?: boolean;
}

/** Adds `ps` (alias `ls`): list containers as a table, JSON lines, a template, or ids. */
export function addPsCommand(parent: Command, context: CliContext): void {
  parent
    .command("ps")
    .alias("ls")
    .description("List containers")
    .option("-a, --all", "show all containers (default shows just running)")
    .option("-q, --quiet", "only display container IDs")
    .option("--no-trunc", "don't truncate output")
    .option("-f, --filter <filter>", "filter output based on conditions provided (repeatable)", collect, [])
    .option("--format <format>", "format output: table, json, or a Go template ('{{.ID}}')")
    .option("-n, --last <n>", "show n last created containers (includes all states)")
    .option("-l, --latest", "show the latest created container (includes all states)")
    .option("-s, --size", "display total file sizes (not reported by berth yet)")
    .action(async (flags: PsFlags) => {
      const filters = parseFilterFlags(flags.filter);
      const last = flags.latest ? 1 : flags.last !== undefined ? Number(flags.last) : undefined;
      if (last !== undefined && !Number.isInteger(last)) {
        throw new UsageError(`invalid argument "${flags.last}" for "-n, --last" flag: expected an integer`);
      }
      const port = await engineClient(context);
      const all = flags.all === true || (last !== undefined && last > 0);
      const containers = await listContainers(port, {
        all,
        filters,
        ...(last !== undefined && last > 0 ? { limit: last } : {}),
      });
      if (flags.quiet) {
        for (const c of containers) context.stdout(`${flags.trunc ? shortId(c.Id) : c.Id}\n`);
        return;
      }
      const nowMs = clockOf(context).now();
      const rows = containers.map((c) => containerRow(c, { truncate: flags.trunc, nowMs }));
      context.stdout(formatList(rows, flags.format, containerLayout));
    });
}
