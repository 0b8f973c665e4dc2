import { lstat, readdir, readFile, readlink, stat } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Digest } from "../../../src/image/digest.js";
import { LayerStore } from "../../../src/image/layer/layer-store.js";
import { commandSpecialFiles } from "../../../src/image/layer/special-files.js";
import { tarArchive } from "../../../src/image/tar/tar-writer.js";
import { requestFor, scratch, sh, testRunner } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: LayerStore;

beforeEach(async () => {
  env = await scratch();
  store = new LayerStore({ root: env.dir, specials: commandSpecialFiles(testRunner) });
});
afterEach(async () => {
  await env.cleanup();
});

const longName = `deep/${"n".repeat(150)}/${"f".repeat(120)}.txt`;
const layerTar = tarArchive([
  { name: "./", type: "directory", mode: 0o755, mtime: 1_500_000_000 },
  { name: "bin/", type: "directory", mode: 0o711, uid: 0, gid: 0, mtime: 1_600_000_000 },
  {
    name: "bin/tool",
    type: "file",
    mode: 0o4755,
    uid: 1000,
    gid: 50,
    mtime: 1_600_000_123,
    data: Buffer.from("#!/bin/sh\n"),
  },
  { name: "bin/alias", type: "symlink", linkname: "tool", uid: 7, gid: 8, mtime: 1_600_000_200 },
  { name: "bin/hard", type: "hardlink", linkname: "bin/tool" },
  { name: "run/pipe", type: "fifo", mode: 0o620, uid: 3, gid: 4, mtime: 1_600_000_300 },
  { name: "etc/conf", type: "file", data: Buffer.from("x=1"), xattrs: { "user.berth": "hello" } },
  { name: longName, type: "file", data: Buffer.from("long") },
  { name: "etc/conf", type: "file", data: Buffer.from("x=2"), xattrs: { "user.berth": "again" } },
]);

describe("LayerStore unpack", () => {
  it("unpacks files, dirs, symlinks, hardlinks, fifos with modes, owners, times and xattrs", async () => {
    const request = requestFor(layerTar);
    const layer = await store.ensure({
      ...request,
      open: async function* () {
        yield gzipSync(layerTar);
      },
    });
    expect(layer).toMatchObject({ created: true, path: join(env.dir, "layers", request.chainId.slice(7)) });
    const at = (rel: string) => join(layer.path, rel);

    const tool = await stat(at("bin/tool"));
    expect([tool.mode & 0o7777, tool.uid, tool.gid, tool.mtimeMs / 1000, tool.nlink]).toEqual([
      0o4755, 1000, 50, 1_600_000_123, 2,
    ]);
    expect((await stat(at("bin/hard"))).ino).toBe(tool.ino);
    const bin = await stat(at("bin"));
    expect([bin.mode & 0o7777, bin.mtimeMs / 1000]).toEqual([0o711, 1_600_000_000]);
    expect(await readlink(at("bin/alias"))).toBe("tool");
    const alias = await lstat(at("bin/alias"));
    expect([alias.uid, alias.gid, alias.mtimeMs / 1000]).toEqual([7, 8, 1_600_000_200]);
    const pipe = await lstat(at("run/pipe"));
    expect([pipe.isFIFO(), pipe.mode & 0o7777, pipe.uid, pipe.gid, pipe.mtimeMs / 1000]).toEqual([
      true,
      0o620,
      3,
      4,
      1_600_000_300,
    ]);
    expect(await readFile(at("etc/conf"), "utf8")).toBe("x=2");
    expect(await sh("getfattr", "--only-values", "-n", "user.berth", at("etc/conf"))).toBe("again");
    expect(await readFile(at(longName), "utf8")).toBe("long");
    expect((await stat(layer.path)).mtimeMs / 1000).toBe(1_500_000_000);
    expect(await store.list()).toEqual([request.chainId]);
  });

  it("unpacks each chain id once, sharing concurrent requests", async () => {
    const request = requestFor(tarArchive([{ name: "a", type: "file", data: Buffer.from("a") }]));
    let opens = 0;
    const counted = {
      ...request,
      open: () => {
        opens++;
        return request.open();
      },
    };
    const [one, two] = await Promise.all([store.ensure(counted), store.ensure(counted)]);
    expect(opens).toBe(1);
    expect(one.path).toBe(two.path);
    expect([one.created, two.created].sort()).toEqual([false, true]);
    const again = await store.ensure(counted);
    expect([again.created, opens]).toEqual([false, 1]);
  });

  it("refuses a layer whose content does not match its diff id, leaving nothing behind", async () => {
    const request = requestFor(tarArchive([{ name: "a", type: "file", data: Buffer.from("a") }]));
    const lying = { ...request, diffId: sha256Digest("something else") };
    await expect(store.ensure(lying)).rejects.toThrow("diff id mismatch");
    expect(await readdir(join(env.dir, "layers"))).toEqual([]);
  });

  it("removes layers atomically and prunes unreferenced ones and interrupted unpacks", async () => {
    const keep = requestFor(tarArchive([{ name: "k", type: "file" }]));
    const drop = requestFor(tarArchive([{ name: "d", type: "file" }]));
    await store.ensure(keep);
    await store.ensure(drop);
    await sh("mkdir", join(env.dir, "layers", ".tmp-deadbeef-crash"));
    expect(await store.prune(new Set([keep.chainId]))).toEqual([drop.chainId]);
    expect(await readdir(join(env.dir, "layers"))).toEqual([keep.chainId.slice(7)]);
    await store.remove(keep.chainId);
    expect(await store.has(keep.chainId)).toBe(false);
  });
});
