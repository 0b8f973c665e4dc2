import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRootfs } from "../../../src/image/archive/import-rootfs.js";
import type { ImageStore } from "../../../src/image/store/image-store.js";
import { pruneImages } from "../../../src/image/store/prune-images.js";
import { filesTar, storeAt, streamOf } from "./archive-helpers.js";
import { scratch } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: ImageStore;
const now = new Date("2024-03-03T00:00:00Z");

beforeEach(async () => {
  env = await scratch();
  store = storeAt(env.dir);
});
afterEach(async () => {
  await env.cleanup();
});

const image = (files: Record<string, string>, reference?: string, cmd = "x") =>
  importRootfs(store, {
    tar: streamOf(filesTar(files)),
    now,
    config: { Cmd: [cmd] },
    ...(reference ? { reference } : {}),
  });

async function blobBytes(digests: readonly string[]): Promise<number> {
  let sum = 0;
  for (const digest of digests) sum += (await store.blobs.size(digest as `sha256:${string}`)) ?? 0;
  return sum;
}

describe("pruneImages", () => {
  it("removes dangling images only, unless told to remove every unused one; kept ids stay", async () => {
    const shared = { "base.txt": "base" };
    const a = await image(shared, "a:1");
    const c = await image(shared, "c:1", "other");
    const dangling = await image({ "d.txt": "d" });
    const danglingKept = await image({ "e.txt": "e" });
    await store.unpack(a.id);
    await store.unpack(dangling.id);
    const danglingRecord = await store.resolve(dangling.id);
    const danglingBlobs = [
      danglingRecord.manifestDigest,
      danglingRecord.id,
      ...danglingRecord.manifest.layers.map((l) => l.digest),
    ];
    const expectedBytes = await blobBytes(danglingBlobs);

    const first = await pruneImages(store, { dangling: true, keep: [danglingKept.id] });
    expect(first.deleted).toEqual([dangling.id]);
    expect(first.untagged).toEqual([]);
    expect(first.blobs).toEqual([...danglingBlobs].sort());
    expect(first.reclaimedBytes).toBe(expectedBytes);
    expect(first.layers).toEqual([dangling.diffId]);
    expect((await store.list()).map((i) => i.id).sort()).toEqual([a.id, c.id, danglingKept.id].sort());

    const second = await pruneImages(store, { dangling: false, keep: [c.id] });
    expect(second.deleted).toEqual([a.id, danglingKept.id].sort());
    expect(second.untagged).toEqual(["docker.io/library/a:1"]);
    // a and c share their only layer: the layer blob and its unpacked dir stay for c.
    expect(second.layers).toEqual([]);
    expect(await store.layers.list()).toEqual([a.diffId]);
    expect(second.reclaimedBytes).toBeGreaterThan(0);
    expect((await store.list()).map((i) => i.names)).toEqual([["docker.io/library/c:1"]]);

    const nothing = await pruneImages(store, { dangling: true });
    expect(nothing).toEqual({ deleted: [], untagged: [], reclaimedBytes: 0, blobs: [], layers: [] });
    const all = await pruneImages(store, { dangling: false });
    expect(all.deleted).toEqual([c.id]);
    expect(all.layers).toEqual([a.diffId]);
    expect(await store.blobs.list()).toEqual([]);
  });

  it("keeps layers a container still uses (keepLayers) even when their image goes", async () => {
    const img = await image({ f: "1" }, "gone:1");
    await store.unpack("gone:1");
    const result = await pruneImages(store, { dangling: false, keepLayers: [img.diffId] });
    expect(result.deleted).toEqual([img.id]);
    expect(result.layers).toEqual([]);
    expect(await store.layers.list()).toEqual([img.diffId]);
  });

  it("leaves files a load is still staging alone, and deletes leftovers", async () => {
    const staged = await store.blobs.stage(streamOf(Buffer.from("in flight")));
    const leftover = join(env.dir, "image", "ingest", "leftover");
    await writeFile(leftover, "old");
    await pruneImages(store, { dangling: true });
    expect(existsSync(staged.path)).toBe(true);
    expect(existsSync(leftover)).toBe(false);
    await store.blobs.commit(staged);
    expect(await store.blobs.read(staged.digest)).toEqual(Buffer.from("in flight"));
  });
});
