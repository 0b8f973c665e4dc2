import { createReadStream } from "node:fs";
import { join } from "node:path";
import { commandSpecialFiles, type ImageRecord, ImageStore, importRootfs } from "../image/index.js";
import type { CommandRunner } from "../shared/ports.js";

/** The repository's busybox image script (from dist/bench or src/bench alike). */
const busyboxScript = join(import.meta.dirname, "..", "..", "scripts", "make-busybox-image.sh");

/** The reference the bench's containers use. */
export const BUSYBOX_REFERENCE = "busybox:latest";

/** Makes the busybox rootfs tar at `tarPath` with scripts/make-busybox-image.sh (from the host's busybox-static). */
export async function makeBusyboxRootfs(runner: CommandRunner, tarPath: string): Promise<void> {
  const made = await runner.run(["bash", busyboxScript, "--rootfs", tarPath]);
  if (made.exitCode !== 0) throw new Error(`bench: ${busyboxScript} failed: ${made.stderr.trim()}`);
}

/**
 * Imports the busybox rootfs tar into the image store at `root` as `busybox:latest` (busybox's PATH,
 * `Cmd ["sh"]`, creation time 0: the same image id as the tests' image) and returns it.
 */
export async function importBusybox(options: {
  root: string;
  tarPath: string;
  runner: CommandRunner;
}): Promise<ImageRecord> {
  const store = new ImageStore({ root: options.root, specials: commandSpecialFiles(options.runner) });
  await importRootfs(store, {
    tar: createReadStream(options.tarPath),
    reference: BUSYBOX_REFERENCE,
    config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["sh"] },
    now: new Date(0),
  });
  return store.resolve(BUSYBOX_REFERENCE);
}
