import { type Command, Option } from "commander";
import type { CliContext } from "../cli-context.js";

/** Adds `version`: `berth version v0.1.0`, `--short` for the bare number, `--format json` for machines. */
export function addVersionCommand(program: Command, context: CliContext): void {
  program
    .command("version")
    .description("Show the berth version information")
    .addOption(new Option("-f, --format <format>", "format the output").choices(["pretty", "json"]))
    .option("--short", "shows only berth's version number")
    .action((flags: { format?: string; short?: boolean }) => {
      const version = context.version;
      if (flags.short) context.stdout(`${version}\n`);
      else if (flags.format === "json") context.stdout(`${JSON.stringify({ version: `v${version}` })}\n`);
      else context.stdout(`berth version v${version}\n`);
    });
}
