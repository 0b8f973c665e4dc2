import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cgroupCleaner } from "../../../src/runtime/linux/cgroup-cleaner.js";
import { SharedGate } from "../../../src/runtime/shared-gate.js";
import { type FakeSetup, fakeSetup } from "./fake-runtime.js";

describe("the instance's cgroup parent goes with its last container", () => {
  let s: FakeSetup;
  afterEach(() => s.dispose());

  async function running(id: string): Promise<void> {
    await s.rt.prepare(id, { spec: s.spec(id), lowerDirs: ["/l"] });
    await s.rt.create(id);
    await s.rt.start(id);
  }

  it("keeps the parent while another container exists, removes it with the last one", async () => {
    s = fakeSetup();
    await running("a");
    await running("b");
    await s.rt.delete("a", { force: true });
    expect(s.host.calls.filter((c) => c.startsWith("cgroup"))).toEqual(["cgroup rm /berth-unit/a"]);
    await s.rt.delete("b", { force: true });
    expect(s.host.calls.filter((c) => c.startsWith("cgroup"))).toEqual([
      "cgroup rm /berth-unit/a",
      "cgroup rm /berth-unit/b",
      "cgroup rmdir-if-empty /berth-unit",
    ]);
  });

  it("adopt clears an empty parent when the instance has no container, never while one exists", async () => {
    s = fakeSetup();
    await s.rt.adopt();
    expect(s.host.calls).toEqual(["cgroup rmdir-if-empty /berth-unit"]);
    await running("a");
    s.host.calls.length = 0;
    await s.rt.adopt();
    expect(s.host.calls).toEqual([]);
  });

  it("a prepared (not yet created) container keeps the parent too", async () => {
    s = fakeSetup();
    await running("a");
    await s.rt.prepare("b", { spec: s.spec("b"), lowerDirs: ["/l"] });
    await s.rt.delete("a", { force: true });
    expect(s.host.calls).not.toContain("cgroup rmdir-if-empty /berth-unit");
  });
});

describe("cgroupCleaner.removeEmptyParent on a cgroupfs-shaped tree", () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("removes the parent in every hierarchy where it is empty, keeps busy ones and other instances'", async () => {
    root = mkdtempSync(join(tmpdir(), "berth-cgfs-"));
    const hierarchies = ["cpu", "memory", "pids", "systemd", "unified"];
    for (const h of hierarchies) {
      mkdirSync(join(root, h, "berth-mine"), { recursive: true });
      mkdirSync(join(root, h, "berth-other", "c9"), { recursive: true });
    }
    mkdirSync(join(root, "memory", "berth-mine", "still-here"));
    const cleaner = cgroupCleaner({ mountRoot: root });
    await cleaner.removeEmptyParent("/berth-mine");
    expect(await cleaner.remaining("/berth-mine")).toEqual([join(root, "memory", "berth-mine")]);
    for (const h of hierarchies) expect(existsSync(join(root, h, "berth-other", "c9"))).toBe(true);
    rmSync(join(root, "memory", "berth-mine", "still-here"), { recursive: true });
    await cleaner.removeEmptyParent("/berth-mine");
    expect(await cleaner.remaining("/berth-mine")).toEqual([]);
    await cleaner.removeEmptyParent("/berth-mine");
  });

  it("only rmdirs directories: a file of that name is left alone", async () => {
    root = mkdtempSync(join(tmpdir(), "berth-cgfs-"));
    mkdirSync(join(root, "cpu"));
    writeFileSync(join(root, "cpu", "berth-x"), "a file, not a cgroup");
    mkdirSync(join(root, "pids", "berth-x"), { recursive: true });
    const cleaner = cgroupCleaner({ mountRoot: root });
    await cleaner.removeEmptyParent("/berth-x");
    expect(existsSync(join(root, "pids", "berth-x"))).toBe(false);
    expect(existsSync(join(root, "cpu", "berth-x"))).toBe(true);
  });
});

describe("SharedGate", () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

  it("runs shared sections together and an exclusive one alone, in arrival order", async () => {
    const gate = new SharedGate();
    const log: string[] = [];
    const section = (name: string, exclusive: boolean, release: Promise<void>) =>
      (exclusive ? gate.exclusive.bind(gate) : gate.shared.bind(gate))(async () => {
        log.push(`+${name}`);
        await release;
        log.push(`-${name}`);
      });
    let openA = () => {};
    let openB = () => {};
    const a = section("a", false, new Promise((r) => (openA = r)));
    const b = section("b", false, new Promise((r) => (openB = r)));
    const w = section("w", true, Promise.resolve());
    const c = section("c", false, Promise.resolve());
    await tick();
    expect(log).toEqual(["+a", "+b"]);
    openA();
    await tick();
    expect(log).toEqual(["+a", "+b", "-a"]);
    openB();
    await Promise.all([a, b, w, c]);
    expect(log).toEqual(["+a", "+b", "-a", "-b", "+w", "-w", "+c", "-c"]);
  });

  it("releases the gate when a section throws", async () => {
    const gate = new SharedGate();
    await expect(gate.exclusive(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.shared(async () => 1)).toBe(1);
  });
});
