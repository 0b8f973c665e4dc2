import type { Command } from "commander";
import {
  createVolume,
  inspectVolumes,
  listVolumes,
  pruneVolumes,
  removeVolumes,
} from "../../../app/volumes/volume-ops.js";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { collect } from "../../global-options.js";
import { formatList } from "../../render/format-list.js";
import { humanSize } from "../../render/size.js";
import { reportFailures } from "../container/each.js";
import { printInspected } from "../container/inspect.js";
import { parseFilterFlags } from "../container/ps.js";
import { parseKeyValue } from "../container/run-parsers.js";
import { confirm } from "../network/confirm.js";
import { dockerStatus } from "../network/docker-status.js";
import { volumeLayout, volumeRow } from "./volume-rows.js";

interface CreateFlags {
  driver: string;
  label: string[];
  opt: string[];
  name?: string;
}

const pruneWarning = {
  anonymous: "WARNING! This will remove anonymous local volumes not used by at least one container.",
  all: "WARNING! This will remove all local volumes not used by at least one container.",
};

/** Adds `create`, `ls`, `inspect`, `rm` and `prune` with docker's flags and output. */
export function addVolumeSubcommands(parent: Command, context: CliContext): void {
  parent
    .command("create")
    .description("Create a volume")
    .argument("[name]", "the volume name (a random one when omitted)")
    .option("-d, --driver <driver>", "specify volume driver name", "local")
    .option("--label <KEY=VALUE>", "set metadata for a volume (repeatable)", collect, [])
    .option("-o, --opt <KEY=VALUE>", "set driver specific options (repeatable)", collect, [])
    .option("--name <name>", "specify volume name")
    .action((positional: string | undefined, flags: CreateFlags) =>
      dockerStatus(async () => {
        if (positional !== undefined && flags.name !== undefined && positional !== flags.name) {
          throw new UsageError(
            `conflicting options: either specify --name or provide positional arg, not both`,
          );
        }
        const name = positional ?? flags.name;
        const created = await createVolume(await engineClient(context), {
          ...(name !== undefined ? { name } : {}),
          driver: flags.driver,
          labels: Object.fromEntries(flags.label.map((l) => parseKeyValue(l, "--label", true))),
          options: Object.fromEntries(flags.opt.map((o) => parseKeyValue(o, "-o, --opt", false))),
        });
        context.stdout(`${created}\n`);
      }),
    );
  parent
    .command("ls")
    .alias("list")
    .description("List volumes")
    .option("-q, --quiet", "only display volume names")
    .option("--format <format>", "format output: table, json, or a Go template ('{{.Name}}')")
    .option("-f, --filter <filter>", "provide filter values (e.g. 'dangling=true') (repeatable)", collect, [])
    .action((flags: { quiet?: boolean; format?: string; filter: string[] }) =>
      dockerStatus(async () => {
        const volumes = await listVolumes(await engineClient(context), parseFilterFlags(flags.filter));
        if (flags.quiet) {
          for (const volume of volumes) context.stdout(`${volume.Name}\n`);
          return;
        }
        context.stdout(formatList(volumes.map(volumeRow), flags.format, volumeLayout));
      }),
    );
  parent
    .command("inspect")
    .description("Display detailed information on one or more volumes")
    .argument("<volume...>", "volume names")
    .option("-f, --format <format>", "format output using a Go template ('{{.Mountpoint}}'), or json")
    .action(async (names: string[], flags: { format?: string }) => {
      const { found, failed } = await inspectVolumes(await engineClient(context), names);
      printInspected(context, found, flags.format);
      await reportFailures(context, failed);
    });
  parent
    .command("rm")
    .alias("remove")
    .description("Remove one or more volumes. You cannot remove a volume that is in use by a container.")
    .argument("<volume...>", "volume names")
    .option("-f, --force", "do not error if a volume does not exist")
    .action(async (names: string[], flags: { force?: boolean }) => {
      const { done, failed } = await removeVolumes(await engineClient(context), names, {
        force: flags.force === true,
      });
      for (const name of done) context.stdout(`${name}\n`);
      await reportFailures(context, failed);
    });
  parent
    .command("prune")
    .description("Remove unused local volumes")
    .option("-a, --all", "remove all unused volumes, not just anonymous ones")
    .option("-f, --force", "do not prompt for confirmation")
    .option("--filter <filter>", "provide filter values (e.g. 'label=<label>') (repeatable)", collect, [])
    .action((flags: { all?: boolean; force?: boolean; filter: string[] }) =>
      dockerStatus(async () => {
        const all = flags.all === true;
        const filters = parseFilterFlags(flags.filter);
        const question = `${all ? pruneWarning.all : pruneWarning.anonymous}\nAre you sure you want to continue? [y/N] `;
        if (!flags.force && !(await confirm(context, question))) return;
        const report = await pruneVolumes(await engineClient(context), { all, filters });
        const deleted = report.VolumesDeleted ?? [];
        if (deleted.length > 0)
          context.stdout(`Deleted Volumes:\n${deleted.map((n) => `${n}\n`).join("")}\n`);
        context.stdout(`Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
      }),
    );
}
