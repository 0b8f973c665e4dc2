import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRootfs } from "../../../src/image/archive/import-rootfs.js";
import { loadArchive } from "../../../src/image/archive/load-archive.js";
import { saveImages } from "../../../src/image/archive/save-images.js";
import type { ImageStore } from "../../../src/image/store/image-store.js";
import { readTar } from "../../../src/image/tar/tar-reader.js";
import { type TarWriteEntry, tarArchive } from "../../../src/image/tar/tar-writer.js";
import { ensureBusyboxImage } from "../../support/busybox-image.js";
import { collect, filesTar, storeAt, streamOf } from "./archive-helpers.js";
import { scratch } from "./helpers.js";

const run = promisify(execFile);
let env: Awaited<ReturnType<typeof scratch>>;
let store: ImageStore;
const now = new Date("2024-02-02T00:00:00Z");

beforeEach(async () => {
  env = await scratch();
  store = storeAt(join(env.dir, "a"));
});
afterEach(async () => {
  await env.cleanup();
});

async function twoImages() {
  const one = await importRootfs(store, { tar: streamOf(filesTar({ one: "1" })), reference: "one:1", now });
  await store.tag("one:1", "example.com/one:alias");
  const two = await importRootfs(store, {
    tar: streamOf(filesTar({ two: "2" })),
    reference: "two",
    now,
    compression: "none",
    config: { Cmd: ["two"] },
  });
  return { one, two };
}

async function names(archive: Buffer): Promise<string[]> {
  const out: string[] = [];
  for await (const { entry } of readTar(streamOf(archive))) out.push(entry.name);
  return out;
}

describe("saveImages", () => {
  it("writes docker-save and OCI layout in one tar, and loads back into a fresh store with the same ids", async () => {
    const { one, two } = await twoImages();
    const archive = await collect(await saveImages(store, ["one:1", "example.com/one:alias", "two:latest"]));
    const members = await names(archive);
    const blob = /^blobs\/sha256\/[0-9a-f]{64}$/;
    expect(members.filter((name) => !blob.test(name))).toEqual([
      "blobs/",
      "blobs/sha256/",
      "index.json",
      "manifest.json",
      "oci-layout",
      "repositories",
    ]);
    // Two images: one layer, config and manifest each.
    expect(members.filter((name) => blob.test(name)).length).toBe(6);
    const fresh = storeAt(join(env.dir, "b"));
    const loaded = await loadArchive(fresh, streamOf(archive));
    expect(loaded.format).toBe("oci");
    expect(loaded.messages).toEqual([
      "Loaded image: one:1",
      "Loaded image: example.com/one:alias",
      "Loaded image: two:latest",
    ]);
    expect(loaded.images.map((i) => [i.id, i.manifestDigest])).toEqual([
      [one.id, one.manifestDigest],
      [two.id, two.manifestDigest],
    ]);
    expect(await fresh.list()).toEqual(await store.list());
    // The same archive read as a plain docker-save archive (manifest.json only) gives the same ids.
    const dockerOnly = storeAt(join(env.dir, "c"));
    const legacy = await loadArchive(
      dockerOnly,
      streamOf(await without(archive, ["index.json", "oci-layout"])),
    );
    expect(legacy.format).toBe("docker");
    expect(legacy.images.map((i) => [i.id, i.names])).toEqual([
      [one.id, ["docker.io/library/one:1", "example.com/one:alias"]],
      [two.id, ["docker.io/library/two:latest"]],
    ]);
    const manifestJson = JSON.parse(await memberText(archive, "manifest.json"));
    expect(manifestJson).toEqual([
      {
        Config: `blobs/sha256/${one.id.slice(7)}`,
        RepoTags: ["one:1", "example.com/one:alias"],
        Layers: [expect.stringMatching(/^blobs\/sha256\//)],
      },
      { Config: `blobs/sha256/${two.id.slice(7)}`, RepoTags: ["two:latest"], Layers: [expect.any(String)] },
    ]);
  });

  it("saves an image named by id without names, and refuses unknown names before writing anything", async () => {
    const { two } = await twoImages();
    const archive = await collect(await saveImages(store, [two.id.slice(7, 19)]));
    const loaded = await loadArchive(storeAt(join(env.dir, "b")), streamOf(archive));
    expect(loaded.images).toEqual([{ id: two.id, manifestDigest: two.manifestDigest, names: [] }]);
    expect(loaded.messages).toEqual([`Loaded image ID: ${two.id}`]);
    await expect(saveImages(store, ["nothere"])).rejects.toThrow('image "nothere" not found');
    await expect(saveImages(store, [])).rejects.toThrow("nothing to save");
  });

  it("is read by skopeo as both oci-archive and docker-archive, and skopeo's own archives load back", async () => {
    const busybox = await ensureBusyboxImage(store);
    const path = join(env.dir, "saved.tar");
    await writeFile(path, await collect(await saveImages(store, ["busybox"])));
    const oci = JSON.parse((await run("skopeo", ["inspect", `oci-archive:${path}`])).stdout);
    expect(oci.Digest).toBe(busybox.manifestDigest);
    expect(oci.Layers).toEqual(busybox.manifest.layers.map((l) => l.digest));
    expect(oci.Architecture).toBe(busybox.config.architecture);
    const docker = JSON.parse((await run("skopeo", ["inspect", `docker-archive:${path}`])).stdout);
    expect(docker.Digest).toMatch(/^sha256:/);
    expect(docker.Layers).toEqual(busybox.config.diffIds);
    const config = JSON.parse(
      (await run("skopeo", ["inspect", "--config", `docker-archive:${path}`])).stdout,
    );
    expect(config.config.Cmd).toEqual(["sh"]);

    const viaSkopeo = join(env.dir, "skopeo-docker.tar");
    await run("skopeo", ["copy", "-q", `oci-archive:${path}`, `docker-archive:${viaSkopeo}:example/bb:7`]);
    const fresh = storeAt(join(env.dir, "b"));
    const loaded = await loadArchive(fresh, createReadStream(viaSkopeo));
    expect(loaded.messages).toEqual(["Loaded image: example/bb:7"]);
    expect(loaded.images[0]?.id).toBe(busybox.id);
    expect((await fresh.unpack("example/bb:7")).length).toBe(1);
  });
});

/** The archive rewritten without some members. */
async function without(archive: Buffer, drop: string[]): Promise<Buffer> {
  const entries: TarWriteEntry[] = [];
  for await (const { entry, body } of readTar(streamOf(archive))) {
    const data = await collect(body);
    if (!drop.includes(entry.name)) entries.push({ name: entry.name, type: entry.type, data });
  }
  return tarArchive(entries);
}

async function memberText(archive: Buffer, name: string): Promise<string> {
  for await (const { entry, body } of readTar(streamOf(archive))) {
    if (entry.name === name) return (await collect(body)).toString("utf8");
  }
  throw new Error(`${name} not in archive`);
}
