import type { Command } from "commander";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { clockOf, writeChunk } from "../../engine-io.js";
import { parseTimestamp } from "../../render/duration.js";

interface LogsFlags {
  follow?: boolean;
  tail?: string;
  timestamps?: boolean;
  since?: string;
  until?: string;
}

function tailOf(text: string | undefined): number | undefined {
  if (text === undefined || text === "all") return undefined;
  if (!/^-?\d+$/.test(text)) {
    throw new UsageError(`invalid argument "${text}" for "-n, --tail" flag: expected a number or "all"`);
  }
  const n = Number(text);
  return n < 0 ? undefined : n;
}

/** Adds `logs CONTAINER`: stdout to stdout, stderr to stderr; follow, tail, timestamps, since/until. */
export function addLogsCommand(parent: Command, context: CliContext): void {
  parent
    .command("logs")
    .description("Fetch the logs of a container")
    .argument("<container>", "the container (name or id)")
    .option("-f, --follow", "follow log output")
    .option("-n, --tail <n>", 'number of lines to show from the end of the logs (default "all")')
    .option("-t, --timestamps", "show timestamps")
    .option("--since <time>", "show logs since a timestamp (2013-01-02T13:23:37Z) or relative (42m)")
    .option("--until <time>", "show logs before a timestamp (2013-01-02T13:23:37Z) or relative (42m)")
    .action(async (id: string, flags: LogsFlags) => {
      const now = clockOf(context).now();
      const tail = tailOf(flags.tail);
      const options = {
        follow: flags.follow === true,
        timestamps: flags.timestamps === true,
        ...(tail !== undefined ? { tail } : {}),
        ...(flags.since !== undefined ? { since: parseTimestamp(flags.since, "--since", now) } : {}),
        ...(flags.until !== undefined ? { until: parseTimestamp(flags.until, "--until", now) } : {}),
      };
      const port = await engineClient(context);
      for await (const chunk of port.containerLogs(id, options)) await writeChunk(context, chunk);
    });
}
