import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StateTransitionError } from "../../../src/runtime/errors.js";
import { type FakeSetup, fakeSetup } from "./fake-runtime.js";

describe("ContainerRuntime on fakes: sequencing", () => {
  let s: FakeSetup;
  afterEach(() => s.dispose());

  async function running(id: string): Promise<void> {
    await s.rt.prepare(id, { spec: s.spec(id), lowerDirs: ["/layers/b", "/layers/a"] });
    await s.rt.create(id);
    await s.rt.start(id);
  }

  it("prepares, creates, starts and stops in that order", async () => {
    s = fakeSetup();
    await running("c1");
    const rootfs = s.rt.paths("c1").rootfs;
    expect(await s.rt.state("c1")).toEqual({ id: "c1", status: "running", pid: 1000 });
    expect(await s.rt.stop("c1")).toBe(143);
    expect(s.host.calls).toEqual([
      `mount overlay /layers/b:/layers/a ${rootfs}`,
      "conmon create c1",
      "runc start c1",
      "runc kill c1 SIGTERM",
    ]);
    const config = JSON.parse(readFileSync(s.rt.paths("c1").config, "utf8"));
    expect(config.root).toEqual({ path: rootfs, readonly: false });
    expect(config.linux.cgroupsPath).toBe("/berth-unit/c1");
    expect(await s.rt.state("c1")).toEqual({ id: "c1", status: "exited", exitCode: 143 });
  });

  it("sends SIGKILL after the grace period when the stop signal is ignored", async () => {
    s = fakeSetup({ ignored: ["SIGTERM"] });
    await running("c1");
    const before = s.host.clock.now();
    expect(await s.rt.stop("c1", { graceMs: 500 })).toBe(137);
    expect(s.host.clock.now() - before).toBeGreaterThanOrEqual(500);
    expect(s.host.calls.slice(-2)).toEqual(["runc kill c1 SIGTERM", "runc kill c1 SIGKILL"]);
  });

  it("uses the spec's stop signal by default", async () => {
    s = fakeSetup();
    await s.rt.prepare("c1", { spec: s.spec("c1", { stopSignal: "SIGUSR1" }), lowerDirs: ["/l"] });
    await s.rt.create("c1");
    await s.rt.start("c1");
    expect(await s.rt.stop("c1")).toBe(138);
  });

  it("deletes: runc delete, umount, cgroups (the parent with the last container), bundle; idempotent", async () => {
    s = fakeSetup();
    await running("c1");
    await expect(s.rt.delete("c1")).rejects.toBeInstanceOf(StateTransitionError);
    s.host.calls.length = 0;
    await s.rt.delete("c1", { force: true });
    expect(s.host.calls).toEqual([
      "runc kill c1 SIGKILL",
      "runc delete --force c1",
      `umount ${s.rt.paths("c1").rootfs}`,
      "cgroup rm /berth-unit/c1",
      "cgroup rmdir-if-empty /berth-unit",
    ]);
    expect(existsSync(s.rt.paths("c1").dir)).toBe(false);
    await s.rt.delete("c1", { force: true });
    await expect(s.rt.state("c1")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses moves the state machine forbids", async () => {
    s = fakeSetup();
    await s.rt.prepare("c1", { spec: s.spec("c1"), lowerDirs: ["/l"] });
    await expect(s.rt.start("c1")).rejects.toBeInstanceOf(StateTransitionError);
    await s.rt.create("c1");
    await expect(s.rt.create("c1")).rejects.toBeInstanceOf(StateTransitionError);
    await expect(s.rt.resume("c1")).rejects.toMatchObject({ from: "created", to: "running" });
    await s.rt.start("c1");
    await s.rt.kill("c1", "SIGKILL");
    await expect(s.rt.pause("c1")).rejects.toMatchObject({ from: "exited", to: "paused" });
  });

  it("creates again after an exit (runc delete first)", async () => {
    s = fakeSetup();
    await running("c1");
    s.host.exit("c1", 0);
    s.host.calls.length = 0;
    await s.rt.create("c1");
    await s.rt.start("c1");
    expect(s.host.calls).toEqual(["runc delete --force c1", "conmon create c1", "runc start c1"]);
    expect((await s.rt.state("c1")).status).toBe("running");
  });

  it("pre-creates tmpfs mountpoints with their mode", async () => {
    s = fakeSetup();
    const spec = s.spec("c1", { mounts: [{ type: "tmpfs", target: "/scratch/t", mode: 0o1777 }] });
    await s.rt.prepare("c1", { spec, lowerDirs: ["/l"] });
    expect(statSync(join(s.rt.paths("c1").rootfs, "scratch/t")).mode & 0o7777).toBe(0o1777);
  });

  it("removes a half-made bundle when prepare fails", async () => {
    s = fakeSetup();
    const spec = s.spec("c1", { user: "nosuchuser" });
    await expect(s.rt.prepare("c1", { spec, lowerDirs: ["/l"] })).rejects.toThrow(/nosuchuser/);
    expect(s.host.mounted.size).toBe(0);
    expect(existsSync(s.rt.paths("c1").dir)).toBe(false);
  });

  it("pauses and resumes", async () => {
    s = fakeSetup();
    await running("c1");
    await s.rt.pause("c1");
    expect((await s.rt.state("c1")).status).toBe("paused");
    await s.rt.resume("c1");
    expect((await s.rt.state("c1")).status).toBe("running");
    expect(s.host.calls.slice(-2)).toEqual(["runc pause c1", "runc resume c1"]);
  });
});
