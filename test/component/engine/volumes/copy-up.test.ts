import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyTree, resolveInRoot } from "../../../../src/engine/volumes/copy-up.js";
import { fillVolumes } from "../../../../src/engine/volumes/resolve-mounts.js";

const lock = <T>(_key: string, task: () => Promise<T>) => task();

describe("copy-up helpers on a real directory tree", () => {
  let dir: string;
  let root: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "berth-copyup-"));
    root = join(dir, "rootfs");
    mkdirSync(join(root, "data", "sub"), { recursive: true });
    mkdirSync(join(root, "etc"));
    writeFileSync(join(root, "etc", "secret"), "host must not see this");
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("resolves symlinks inside the root: absolute links and .. never leave it", async () => {
    symlinkSync("/etc", join(root, "abs"));
    symlinkSync("../../../../../etc", join(root, "data", "up"));
    symlinkSync("sub", join(root, "data", "rel"));
    symlinkSync("loop", join(root, "loop"));
    expect(await resolveInRoot(root, "/abs")).toBe(join(root, "etc"));
    expect(await resolveInRoot(root, "/data/up")).toBe(join(root, "etc"));
    expect(await resolveInRoot(root, "/data/rel/")).toBe(join(root, "data", "sub"));
    expect(await resolveInRoot(root, "/../../data")).toBe(join(root, "data"));
    expect(await resolveInRoot(root, "/missing/x")).toBeUndefined();
    expect(await resolveInRoot(root, "/loop")).toBeUndefined();
  });

  it("copies modes, owners, timestamps, symlinks verbatim and hard links; skips fifos", async () => {
    const data = join(root, "data");
    writeFileSync(join(data, "a"), "A");
    chownSync(join(data, "a"), 1000, 1001);
    chmodSync(join(data, "a"), 0o4750); // after chown, which clears setuid
    linkSync(join(data, "a"), join(data, "a-link"));
    symlinkSync("/etc/secret", join(data, "abs-link"));
    chmodSync(join(data, "sub"), 0o700);
    chownSync(join(data, "sub"), 1002, 1002);
    writeFileSync(join(data, "sub", "b"), "B");
    execFileSync("mkfifo", [join(data, "pipe")]);
    const target = join(dir, "target");
    mkdirSync(target);
    expect(await copyTree(data, target)).toEqual(["pipe"]);
    expect(readdirSync(target).sort()).toEqual(["a", "a-link", "abs-link", "sub"]);
    const a = statSync(join(target, "a"));
    expect([a.mode & 0o7777, a.uid, a.gid, a.nlink]).toEqual([0o4750, 1000, 1001, 2]);
    expect(statSync(join(target, "a-link")).ino).toBe(a.ino);
    // Timestamps as seconds in a double: kept to well under a millisecond.
    expect(Math.abs(statSync(join(target, "a")).mtimeMs - statSync(join(data, "a")).mtimeMs)).toBeLessThan(
      0.01,
    );
    expect(readlinkSync(join(target, "abs-link"))).toBe("/etc/secret");
    const sub = statSync(join(target, "sub"));
    expect([sub.mode & 0o7777, sub.uid]).toEqual([0o700, 1002]);
    expect(readFileSync(join(target, "sub", "b"), "utf8")).toBe("B");
  });

  it("fills an empty volume once (owner and mode of the image dir), never a non-empty one", async () => {
    writeFileSync(join(root, "data", "seed"), "seed");
    chownSync(join(root, "data"), 1000, 1000);
    chmodSync(join(root, "data"), 0o750);
    const volume = join(dir, "vol", "_data");
    mkdirSync(volume, { recursive: true });
    await fillVolumes({ lock }, root, [{ name: "v", source: volume, target: "/data" }]);
    expect(readdirSync(volume).sort()).toEqual(["seed", "sub"]);
    const info = lstatSync(volume);
    expect([info.mode & 0o7777, info.uid, info.gid]).toEqual([0o750, 1000, 1000]);
    rmSync(join(volume, "seed"));
    writeFileSync(join(root, "data", "more"), "more");
    await fillVolumes({ lock }, root, [{ name: "v", source: volume, target: "/data" }]);
    expect(readdirSync(volume)).toEqual(["sub"]);
  });

  it("a target the image lacks, or that is a file, leaves the volume alone", async () => {
    const volume = join(dir, "v2");
    mkdirSync(volume);
    chmodSync(volume, 0o755);
    await fillVolumes({ lock }, root, [
      { name: "a", source: volume, target: "/nope" },
      { name: "b", source: volume, target: "/etc/secret" },
    ]);
    expect(readdirSync(volume)).toEqual([]);
    expect(statSync(volume).mode & 0o7777).toBe(0o755);
  });
});
