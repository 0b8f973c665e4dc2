import type { Command } from "commander";
import {
  inspectImages,
  listImages,
  pruneImages,
  removeImage,
  tagImage,
} from "../../../app/images/image-ops.js";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { clockOf } from "../../engine-io.js";
import { collect } from "../../global-options.js";
import { shortId } from "../../render/container-rows.js";
import { formatList } from "../../render/format-list.js";
import { imageLayout, imageRows } from "../../render/image-rows.js";
import { humanSize } from "../../render/size.js";
import { reportFailures } from "../container/each.js";
import { printInspected } from "../container/inspect.js";
import { parseFilterFlags } from "../container/ps.js";

interface LsFlags {
  all?: boolean;
  quiet?: boolean;
  trunc: boolean;
  digests?: boolean;
  format?: string;
  filter: string[];
}

const pruneWarning = {
  dangling: "WARNING! This will remove all dangling images.",
  all: "WARNING! This will remove all images without at least one container associated to them.",
};

async function confirmPrune(context: CliContext, all: boolean): Promise<boolean> {
  if (context.stdinIsTTY !== true || context.prompt === undefined) {
    throw new UsageError("image prune needs confirmation, but stdin is not a terminal: use -f/--force");
  }
  const answer = await context.prompt(
    `${all ? pruneWarning.all : pruneWarning.dangling}\nAre you sure you want to continue? [y/N] `,
  );
  return /^y(es)?$/i.test(answer.trim());
}

/** Adds `ls`, `inspect`, `tag`, `rm` and `prune`. */
export function addImageManageCommands(parent: Command, context: CliContext): void {
  parent
    .command("ls")
    .alias("list")
    .description("List images")
    .option("-a, --all", "show all images (default hides intermediate images)")
    .option("-q, --quiet", "only show image IDs")
    .option("--no-trunc", "don't truncate output")
    .option("--digests", "show digests")
    .option("--format <format>", "format output: table, json, or a Go template ('{{.ID}}')")
    .option("-f, --filter <filter>", "filter output based on conditions provided (repeatable)", collect, [])
    .action(async (flags: LsFlags) => {
      const port = await engineClient(context);
      const images = await listImages(port, {
        all: flags.all === true,
        filters: parseFilterFlags(flags.filter),
      });
      if (flags.quiet) {
        const ids = images.map((image) => (flags.trunc ? shortId(image.Id) : image.Id));
        for (const id of [...new Set(ids)]) context.stdout(`${id}\n`);
        return;
      }
      const rows = imageRows(images, { truncate: flags.trunc, nowMs: clockOf(context).now() });
      context.stdout(formatList(rows, flags.format, imageLayout(flags.digests === true)));
    });
  parent
    .command("inspect")
    .description("Display detailed information on one or more images")
    .argument("<image...>", "images (references or ids)")
    .option("-f, --format <format>", "format output using a Go template ('{{.Id}}'), or json")
    .action(async (names: string[], flags: { format?: string }) => {
      const port = await engineClient(context);
      const { found, failed } = await inspectImages(port, names);
      printInspected(context, found, flags.format);
      await reportFailures(context, failed);
    });
  parent
    .command("tag")
    .description("Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
    .argument("<source>", "SOURCE_IMAGE[:TAG]")
    .argument("<target>", "TARGET_IMAGE[:TAG]")
    .action(async (source: string, target: string) => {
      await tagImage(await engineClient(context), source, target);
    });
  parent
    .command("rm")
    .alias("remove")
    .description("Remove one or more images")
    .argument("<image...>", "images (references or ids)")
    .option("-f, --force", "force removal of the image")
    .option("--no-prune", "do not delete untagged parents")
    .action(async (names: string[], flags: { force?: boolean; prune: boolean }) => {
      const port = await engineClient(context);
      const failed: { error: unknown }[] = [];
      for (const name of names) {
        try {
          const items = await removeImage(port, name, { force: flags.force === true, noprune: !flags.prune });
          for (const item of items) {
            if (item.Untagged !== undefined) context.stdout(`Untagged: ${item.Untagged}\n`);
            if (item.Deleted !== undefined) context.stdout(`Deleted: ${item.Deleted}\n`);
          }
        } catch (error: unknown) {
          failed.push({ error });
        }
      }
      await reportFailures(context, failed);
    });
  parent
    .command("prune")
    .description("Remove unused images")
    .option("-a, --all", "remove all unused images, not just dangling ones")
    .option("-f, --force", "do not prompt for confirmation")
    .option(
      "--filter <filter>",
      "provide filter values (e.g. 'label=<key>=<value>') (repeatable)",
      collect,
      [],
    )
    .action(async (flags: { all?: boolean; force?: boolean; filter: string[] }) => {
      const all = flags.all === true;
      if (!flags.force && !(await confirmPrune(context, all))) return;
      const port = await engineClient(context);
      const report = await pruneImages(port, { all, filters: parseFilterFlags(flags.filter) });
      const deleted = report.ImagesDeleted ?? [];
      if (deleted.length > 0) {
        context.stdout("Deleted Images:\n");
        for (const item of deleted) {
          if (item.Untagged !== undefined) context.stdout(`untagged: ${item.Untagged}\n`);
          if (item.Deleted !== undefined) context.stdout(`deleted: ${item.Deleted}\n`);
        }
        context.stdout("\n");
      }
      context.stdout(`Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    });
}
