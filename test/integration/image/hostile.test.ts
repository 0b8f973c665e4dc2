import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UnsafeLayerError } from "../../../src/image/errors.js";
import { LayerStore } from "../../../src/image/layer/layer-store.js";
import { commandSpecialFiles } from "../../../src/image/layer/special-files.js";
import { type TarWriteEntry, tarArchive } from "../../../src/image/tar/tar-writer.js";
import { requestFor, scratch, sh, testRunner } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: LayerStore;
let outside: string;

beforeEach(async () => {
  env = await scratch();
  // The engine root is nested so that "outside" is a sibling an escaping layer could reach.
  store = new LayerStore({ root: join(env.dir, "root"), specials: commandSpecialFiles(testRunner) });
  outside = join(env.dir, "outside");
  await mkdir(outside);
  await writeFile(join(outside, "secret"), "untouched");
});
afterEach(async () => {
  try {
    expect(await readdir(outside)).toEqual(["secret"]);
    expect(await readFile(join(outside, "secret"), "utf8")).toBe("untouched");
  } finally {
    await env.cleanup();
  }
});

async function unpack(entries: TarWriteEntry[]) {
  return store.ensure(requestFor(tarArchive(entries)));
}

async function expectRefused(entries: TarWriteEntry[], reason: string) {
  await expect(unpack(entries)).rejects.toThrow(UnsafeLayerError);
  await expect(unpack(entries)).rejects.toThrow(reason);
  // Nothing published, no temp dir left.
  expect(await readdir(join(env.dir, "root", "layers"))).toEqual([]);
}

describe("hostile layers", () => {
  it("refuses ../ names that climb out of the layer", async () => {
    await expectRefused(
      [{ name: "../../../outside/evil", type: "file", data: Buffer.from("x") }],
      "escapes the layer root",
    );
    await expectRefused([{ name: "a/../../evil", type: "file" }], "escapes the layer root");
  });

  it("re-roots absolute names inside the layer", async () => {
    const evil = join(outside, "evil");
    const layer = await unpack([
      { name: evil, type: "file", data: Buffer.from("x") },
      { name: "/etc/berth-test-evil", type: "file", data: Buffer.from("y") },
    ]);
    expect(existsSync(evil)).toBe(false);
    expect(existsSync("/etc/berth-test-evil")).toBe(false);
    expect(await readFile(join(layer.path, evil), "utf8")).toBe("x");
    expect(await readFile(join(layer.path, "etc/berth-test-evil"), "utf8")).toBe("y");
    await store.remove(layer.chainId);
  });

  it("refuses writing through a symlink (absolute or relative)", async () => {
    await expectRefused(
      [
        { name: "esc", type: "symlink", linkname: outside },
        { name: "esc/evil", type: "file", data: Buffer.from("x") },
      ],
      'would write through the symlink "esc"',
    );
    await expectRefused(
      [
        { name: "d/", type: "directory" },
        { name: "d/esc", type: "symlink", linkname: "../../../../outside" },
        { name: "d/esc/secret", type: "file", data: Buffer.from("pwned") },
      ],
      "would write through the symlink",
    );
    await expectRefused(
      [
        { name: "esc", type: "symlink", linkname: outside },
        { name: "esc/sub/", type: "directory" },
      ],
      "would write through the symlink",
    );
  });

  it("replaces (never follows) a symlink when a later entry has the same name", async () => {
    const target = join(outside, "secret");
    const layer = await unpack([
      { name: "f", type: "symlink", linkname: target },
      { name: "f", type: "file", data: Buffer.from("new") },
      { name: "d", type: "symlink", linkname: outside },
      { name: "d/", type: "directory" },
    ]);
    expect((await lstat(join(layer.path, "f"))).isFile()).toBe(true);
    expect((await lstat(join(layer.path, "d"))).isDirectory()).toBe(true);
    await store.remove(layer.chainId);
  });

  it("refuses hardlinks to outside files", async () => {
    const before = (await stat("/etc/passwd")).nlink;
    await expectRefused(
      [{ name: "pw", type: "hardlink", linkname: "../../../../../../etc/passwd" }],
      "escapes the layer root",
    );
    await expect(unpack([{ name: "pw", type: "hardlink", linkname: "/etc/passwd" }])).rejects.toThrow(
      "in this layer",
    );
    await expect(
      unpack([{ name: "pw", type: "hardlink", linkname: join(outside, "secret") }]),
    ).rejects.toThrow("in this layer");
    expect((await stat("/etc/passwd")).nlink).toBe(before);
    expect((await stat(join(outside, "secret"))).nlink).toBe(1);
  });

  it("refuses hardlinks to a symlink that points outside, or through a symlinked dir", async () => {
    await expectRefused(
      [
        { name: "s", type: "symlink", linkname: "../../../outside/secret" },
        { name: "h", type: "hardlink", linkname: "s" },
      ],
      "hardlink to a symlink that points outside",
    );
    await expectRefused(
      [
        { name: "d", type: "symlink", linkname: outside },
        { name: "h", type: "hardlink", linkname: "d/secret" },
      ],
      "would write through the symlink",
    );
    await expectRefused(
      [
        { name: "dir/", type: "directory" },
        { name: "h", type: "hardlink", linkname: "dir" },
      ],
      "hardlink to a directory",
    );
  });

  it("skips device nodes other than whiteouts", async () => {
    const layer = await unpack([
      { name: "dev/", type: "directory" },
      { name: "dev/mem", type: "char", devmajor: 1, devminor: 1 },
      { name: "dev/sda", type: "block", devmajor: 8, devminor: 0 },
    ]);
    expect(await readdir(join(layer.path, "dev"))).toEqual([]);
    expect(layer.warnings).toEqual(["dev/mem: skipped char device 1:1", "dev/sda: skipped block device 8:0"]);
    await store.remove(layer.chainId);
  });

  it("never applies queued xattrs or nodes through a dir later replaced by a symlink", async () => {
    const layer = await unpack([
      { name: "a/", type: "directory" },
      { name: "a/secret", type: "file", xattrs: { "user.pwn": "1" } },
      { name: "a/pipe", type: "fifo" },
      { name: "a/.wh..wh..opq", type: "file" },
      { name: "a", type: "symlink", linkname: outside },
    ]);
    expect(await sh("getfattr", "-d", join(outside, "secret"))).toBe("");
    expect((await lstat(join(layer.path, "a"))).isSymbolicLink()).toBe(true);
    await store.remove(layer.chainId);
  });

  it("ignores an attempt to turn the layer root into a symlink", async () => {
    const layer = await unpack([
      { name: "./", type: "symlink", linkname: outside },
      { name: ".", type: "hardlink", linkname: "x" },
      { name: "x", type: "file", data: Buffer.from("inside") },
    ]);
    expect((await lstat(layer.path)).isDirectory()).toBe(true);
    expect(await readFile(join(layer.path, "x"), "utf8")).toBe("inside");
    await store.remove(layer.chainId);
  });

  it("drops trusted.overlay xattrs a layer tries to smuggle in", async () => {
    const layer = await unpack([
      { name: "x/", type: "directory", xattrs: { "trusted.overlay.redirect": "/etc" } },
    ]);
    expect(layer.warnings).toEqual(["x/: dropped xattr trusted.overlay.redirect"]);
    expect(await sh("getfattr", "-d", "-m", "-", join(layer.path, "x"))).toBe("");
    await store.remove(layer.chainId);
  });
});
