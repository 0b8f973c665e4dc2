import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { importRootfs } from "../../src/image/archive/import-rootfs.js";
import type { ImageStore } from "../../src/image/store/image-store.js";
import { makeBusyboxRootfs } from "./busybox-image.js";

const run = promisify(execFile);
const standIns = join(import.meta.dirname, "conformance-stand-ins");

/** Shared libraries of a dynamic binary, as absolute paths (from `ldd`). */
async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run("ldd", [binary]);
  const paths = new Set<string>();
  for (const line of stdout.split("\n")) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match?.[1]) paths.add(match[1]);
  }
  return [...paths].sort();
}

/**
 * Imports the stand-ins of the compose-spec conformance helper images into `store`: busybox plus the
 * host's node binary (at /usr/local/bin/node, with its shared libraries at their host paths) and the
 * stand-in scripts; `composespec/conformance-tests-server` runs server.mjs, `-client` runs client.mjs.
 * The upstream images are not reachable from here; these do what the upstream tests ask of them.
 */
export async function ensureConformanceImages(store: ImageStore): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "berth-standin-"));
  try {
    const tar = join(work, "rootfs.tar");
    await makeBusyboxRootfs(tar);
    const extra = join(work, "extra");
    const files: [string, string][] = [
      [process.execPath, "usr/local/bin/node"],
      [join(standIns, "server.mjs"), "srv/server.mjs"],
      [join(standIns, "client.mjs"), "srv/client.mjs"],
      ...(await sharedLibraries(process.execPath)).map((lib): [string, string] => [lib, lib.slice(1)]),
    ];
    for (const [from, to] of files) {
      await mkdir(dirname(join(extra, to)), { recursive: true });
      await copyFile(from, join(extra, to));
    }
    // Appended after busybox's entries: /usr/local/bin/node, /srv/*.mjs and the libraries' dirs.
    const tops = [...new Set(files.map(([, to]) => to.split("/")[0] ?? ""))].sort();
    await run("tar", ["--owner=0", "--group=0", "-rf", tar, "-C", extra, ...tops]);
    for (const [name, script] of [
      ["composespec/conformance-tests-server:latest", "/srv/server.mjs"],
      ["composespec/conformance-tests-client:latest", "/srv/client.mjs"],
    ] as const) {
      await importRootfs(store, {
        tar: createReadStream(tar),
        reference: name,
        config: {
          Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
          Cmd: ["/usr/local/bin/node", script],
          ExposedPorts: name.includes("server") ? { "8080/tcp": {}, "10001/udp": {} } : {},
        },
        now: new Date(0),
        compression: "none",
      });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
