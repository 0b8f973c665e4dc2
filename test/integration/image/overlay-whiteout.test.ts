import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LayerStore } from "../../../src/image/layer/layer-store.js";
import { commandSpecialFiles } from "../../../src/image/layer/special-files.js";
import { tarArchive } from "../../../src/image/tar/tar-writer.js";
import { mountsUnder, requestFor, scratch, sh, testRunner } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: LayerStore;
let merged: string;

beforeEach(async () => {
  env = await scratch();
  store = new LayerStore({ root: env.dir, specials: commandSpecialFiles(testRunner) });
  merged = join(env.dir, "merged");
  await mkdir(merged);
});
afterEach(async () => {
  try {
    if (mountsUnder(merged).length > 0) await sh("umount", merged);
  } finally {
    await env.cleanup();
  }
});

const lowerTar = tarArchive([
  { name: "etc/", type: "directory" },
  { name: "etc/gone", type: "file", data: Buffer.from("lower") },
  { name: "etc/kept", type: "file", data: Buffer.from("lower") },
  { name: "etc/back", type: "file", data: Buffer.from("lower") },
  { name: "app/", type: "directory" },
  { name: "app/old", type: "file", data: Buffer.from("lower") },
  { name: "app/sub/", type: "directory" },
  { name: "app/sub/deep", type: "file", data: Buffer.from("lower") },
]);
const upperTar = tarArchive([
  { name: "etc/", type: "directory" },
  { name: "etc/.wh.gone", type: "file" },
  // A whiteout and an entry of the same layer: the entry stays (whiteouts hide lower layers only).
  { name: "etc/.wh.back", type: "file" },
  { name: "etc/back", type: "file", data: Buffer.from("upper") },
  { name: "app/", type: "directory" },
  { name: "app/.wh..wh..opq", type: "file" },
  { name: "app/new", type: "file", data: Buffer.from("upper") },
]);

describe("whiteouts on a real overlay mount", () => {
  it("hides lower files with whiteouts and lower dir contents with opaque dirs", async () => {
    const lowerReq = requestFor(lowerTar);
    const lower = await store.ensure(lowerReq);
    const upper = await store.ensure(requestFor(upperTar, lowerReq.chainId));

    const whiteout = await lstat(join(upper.path, "etc/gone"));
    expect([whiteout.isCharacterDevice(), whiteout.rdev, whiteout.uid, whiteout.gid]).toEqual([
      true,
      0,
      0,
      0,
    ]);
    expect(existsSync(join(upper.path, "etc/.wh.gone"))).toBe(false);
    expect(
      await sh("getfattr", "--only-values", "-n", "trusted.overlay.opaque", join(upper.path, "app")),
    ).toBe("y");
    expect((await lstat(join(upper.path, "etc/back"))).isFile()).toBe(true);

    await sh("mount", "-t", "overlay", "overlay", "-o", `ro,lowerdir=${upper.path}:${lower.path}`, merged);
    expect(mountsUnder(merged)).toEqual([merged]);
    expect(await readdir(join(merged, "etc"))).toEqual(["back", "kept"]);
    expect(await readFile(join(merged, "etc/back"), "utf8")).toBe("upper");
    expect(await readFile(join(merged, "etc/kept"), "utf8")).toBe("lower");
    expect(await readdir(join(merged, "app"))).toEqual(["new"]);
    await sh("umount", merged);
    expect(mountsUnder(merged)).toEqual([]);
  });
});
