import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { importRootfs } from "../../src/image/archive/import-rootfs.js";
import type { ImageRecord, ImageStore } from "../../src/image/store/image-store.js";

/** The repository's busybox image script (also used by examples). */
export const busyboxScript = join(import.meta.dirname, "..", "..", "scripts", "make-busybox-image.sh");

/** The config the test image gets: busybox's PATH and `sh` as its command. */
export const busyboxConfig = {
  Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
  Cmd: ["sh"],
};

/** Writes the busybox rootfs tar (the script's `--rootfs` mode) to `path`. */
export async function makeBusyboxRootfs(path: string): Promise<void> {
  await promisify(execFile)("bash", [busyboxScript, "--rootfs", path]);
}

/**
 * Imports the busybox rootfs (/bin/busybox, applet symlinks, passwd/group with root, nobody and app
 * 1000, /tmp 1777, /root, /home/app) into `store` as `busybox:latest` with `Cmd ["sh"]`, unless the
 * name is already there. Fixed mtimes and creation time make the image id the same in every store.
 */
export async function ensureBusyboxImage(
  store: ImageStore,
  options: { reference?: string } = {},
): Promise<ImageRecord> {
  const reference = options.reference ?? "busybox:latest";
  try {
    return await store.resolve(reference);
  } catch {
    // Not there yet: build and import it.
  }
  const dir = await mkdtemp(join(tmpdir(), "berth-busybox-rootfs-"));
  try {
    const tar = join(dir, "rootfs.tar");
    await makeBusyboxRootfs(tar);
    await importRootfs(store, {
      tar: createReadStream(tar),
      reference,
      config: busyboxConfig,
      now: new Date(0),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return store.resolve(reference);
}
