import type { Command } from "commander";
import { importImage, loadImages, saveImages } from "../../../app/images/image-ops.js";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { collect } from "../../global-options.js";

/** Adds `import`, `load` and `save` (file streams load with the command: ./files.js). */
export function addArchiveCommands(parent: Command, context: CliContext): void {
  parent
    .command("import")
    .description("Import the contents from a tarball to create a filesystem image")
    .argument("<file>", "a tar of a root filesystem, or - for stdin")
    .argument("[reference]", "REPOSITORY[:TAG] to name the image")
    .option(
      "-c, --change <instruction>",
      "apply a Dockerfile instruction to the image (repeatable)",
      collect,
      [],
    )
    .option("-m, --message <message>", "set a commit message for the imported image")
    .action(
      async (file: string, reference: string | undefined, flags: { change: string[]; message?: string }) => {
        if (/^https?:\/\//.test(file))
          throw new UsageError("image import from a URL is not supported: download it first");
        const { readInput } = await import("./files.js");
        const rootfs = readInput(context, file, "import");
        const port = await engineClient(context);
        const id = await importImage(port, {
          rootfs,
          changes: flags.change,
          ...(reference !== undefined ? { reference } : {}),
          ...(flags.message !== undefined ? { message: flags.message } : {}),
        });
        context.stdout(`${id}\n`);
      },
    );
  parent
    .command("load")
    .description("Load an image from a tar archive or STDIN")
    .option("-i, --input <file>", "read from tar archive file, instead of STDIN")
    .option("-q, --quiet", "suppress the load output")
    .action(async (flags: { input?: string; quiet?: boolean }) => {
      if (flags.input === undefined && context.stdinIsTTY === true) {
        throw new UsageError(
          "requested load from stdin, but stdin is a terminal: use -i FILE or redirect stdin",
        );
      }
      const { readInput } = await import("./files.js");
      const archive = readInput(context, flags.input ?? "-", "-i, --input");
      const port = await engineClient(context);
      const lines = await loadImages(port, { archive, quiet: flags.quiet === true });
      for (const line of lines) context.stdout(`${line}\n`);
    });
  parent
    .command("save")
    .description("Save one or more images to a tar archive (streamed to STDOUT by default)")
    .argument("<image...>", "images to save")
    .option("-o, --output <file>", "write to a file, instead of STDOUT")
    .action(async (names: string[], flags: { output?: string }) => {
      if (flags.output === undefined && context.stdoutIsTTY) {
        throw new UsageError("cowardly refusing to save to a terminal. Use the -o flag or redirect");
      }
      const port = await engineClient(context);
      // Ask for the first chunk before creating the file, so a missing image leaves no empty file.
      const iterator = saveImages(port, names)[Symbol.asyncIterator]();
      const first = await iterator.next();
      async function* all(): AsyncGenerator<Uint8Array> {
        if (!first.done) yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      }
      if (flags.output !== undefined) {
        const { writeOutput } = await import("./files.js");
        await writeOutput(context, flags.output, all());
        return;
      }
      for await (const chunk of all()) {
        if (context.writeStdout) await context.writeStdout(chunk);
        else context.stdout(Buffer.from(chunk).toString("latin1"));
      }
    });
}
