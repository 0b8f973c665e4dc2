import { createReadStream } from "node:fs";
import { lstat, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRootfs } from "../../../src/image/archive/import-rootfs.js";
import { sha256Digest } from "../../../src/image/digest.js";
import type { ImageStore } from "../../../src/image/store/image-store.js";
import { mediaTypes } from "../../../src/image/store/media-types.js";
import { ensureBusyboxImage, makeBusyboxRootfs } from "../../support/busybox-image.js";
import { filesTar, gz, storeAt, streamOf } from "./archive-helpers.js";
import { scratch } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: ImageStore;
const now = new Date("2024-05-01T12:00:00Z");

beforeEach(async () => {
  env = await scratch();
  store = storeAt(env.dir);
});
afterEach(async () => {
  await env.cleanup();
});

describe("importRootfs", () => {
  it("makes a one-layer OCI image with config, history and the name, and unpacks to the same files", async () => {
    const tar = filesTar({ "etc/motd": "hi\n", "app/run.sh": "echo run\n" });
    const result = await importRootfs(store, {
      tar: streamOf(tar),
      reference: "example/app:1",
      config: { Cmd: ["/app/run.sh"], Env: ["A=1"], Labels: { z: "1", a: "2" } },
      changes: ["ENV B=2", "WORKDIR /app", "EXPOSE 8080"],
      now,
      message: "from a test",
    });
    expect(result.diffId).toBe(sha256Digest(tar));
    expect(result.names).toEqual(["docker.io/example/app:1"]);
    const record = await store.resolve("example/app:1");
    expect(record.id).toBe(result.id);
    expect(record.manifest.mediaType).toBe(mediaTypes.ociManifest);
    expect(record.manifest.layers.map((l) => l.mediaType)).toEqual([mediaTypes.ociLayerGzip]);
    expect(record.config.raw).toEqual({
      created: "2024-05-01T12:00:00.000Z",
      architecture: process.arch === "x64" ? "amd64" : expect.any(String),
      ...(process.arch === "arm64" ? { variant: "v8" } : {}),
      os: "linux",
      config: {
        ExposedPorts: { "8080/tcp": {} },
        Env: ["A=1", "B=2"],
        Cmd: ["/app/run.sh"],
        WorkingDir: "/app",
        Labels: { a: "2", z: "1" },
      },
      rootfs: { type: "layers", diff_ids: [sha256Digest(tar)] },
      history: [
        { created: "2024-05-01T12:00:00.000Z", created_by: "berth image import", comment: "from a test" },
      ],
    });
    const [layer] = await store.unpack("example/app:1");
    expect(await readFile(join(layer?.path ?? "", "app/run.sh"), "utf8")).toBe("echo run\n");
  });

  it("takes gzipped input, can store the layer uncompressed, and gives the same id for the same input", async () => {
    const tar = filesTar({ f: "x" });
    const a = await importRootfs(store, { tar: streamOf(gz(tar)), now, compression: "none" });
    const b = await importRootfs(store, { tar: streamOf(tar), now, compression: "none" });
    expect(a.id).toBe(b.id);
    expect(a.names).toEqual([]);
    const record = await store.resolve(a.id);
    expect(record.manifest.layers[0]?.mediaType).toBe(mediaTypes.ociLayer);
    expect(record.manifest.layers[0]?.digest).toBe(sha256Digest(tar));
    expect((await store.list()).map((i) => i.names)).toEqual([[]]);
  });

  it("refuses input that is not a tar, a digest reference and bad changes, registering nothing", async () => {
    await expect(
      importRootfs(store, { tar: streamOf(Buffer.alloc(700, 65)), now, reference: "x" }),
    ).rejects.toThrow("not a tar archive");
    await expect(importRootfs(store, { tar: streamOf(Buffer.from("tiny")), now })).rejects.toThrow(
      "not a tar",
    );
    await expect(
      importRootfs(store, { tar: streamOf(filesTar({ f: "x" })), now, reference: `x@${sha256Digest("m")}` }),
    ).rejects.toThrow("digest reference");
    await expect(
      importRootfs(store, { tar: streamOf(filesTar({ f: "x" })), now, changes: ["RUN make"] }),
    ).rejects.toThrow('"RUN" is not a valid change command');
    expect(await store.list()).toEqual([]);
    expect(await store.gc()).toMatchObject({ layers: [] });
    expect(await store.blobs.list()).toEqual([]);
  });

  it("imports the busybox rootfs with its layout (ensureBusyboxImage)", async () => {
    const record = await ensureBusyboxImage(store);
    expect(record.names).toEqual(["docker.io/library/busybox:latest"]);
    expect(record.config.raw.config).toMatchObject({ Cmd: ["sh"] });
    expect((await ensureBusyboxImage(store)).id).toBe(record.id);
    const [layer] = await store.unpack("busybox");
    const root = layer?.path ?? "";
    expect(await readlink(join(root, "bin/sh"))).toBe("/bin/busybox");
    expect(await readlink(join(root, "usr/bin/env"))).toBe("/bin/busybox");
    expect((await lstat(join(root, "bin/busybox"))).mode & 0o7777).toBe(0o755);
    expect((await lstat(join(root, "tmp"))).mode & 0o7777).toBe(0o1777);
    expect((await lstat(join(root, "root"))).mode & 0o7777).toBe(0o700);
    const home = await lstat(join(root, "home/app"));
    expect([home.uid, home.gid]).toEqual([1000, 1000]);
    expect(await readFile(join(root, "etc/passwd"), "utf8")).toContain(
      "app:x:1000:1000:app:/home/app:/bin/sh",
    );
    expect(await readFile(join(root, "etc/group"), "utf8")).toContain("nobody:x:65534:");
    // Same rootfs, same time: the same id in another store.
    const other = await scratch();
    try {
      expect((await ensureBusyboxImage(storeAt(other.dir))).id).toBe(record.id);
      const tar = join(other.dir, "rootfs.tar");
      await makeBusyboxRootfs(tar);
      const again = await importRootfs(store, {
        tar: createReadStream(tar),
        now: new Date(0),
        config: { Cmd: ["sh"] },
      });
      expect(again.diffId).toBe(record.config.diffIds[0]);
    } finally {
      await other.cleanup();
    }
  });
});
