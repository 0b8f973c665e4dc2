import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeSetup, fakeSetup } from "./fake-runtime.js";

describe("ContainerRuntime on fakes: exec, list, adopt, cleanup", () => {
  let s: FakeSetup;
  afterEach(() => s.dispose());

  async function running(id: string): Promise<void> {
    await s.rt.prepare(id, { spec: s.spec(id), lowerDirs: ["/l"] });
    await s.rt.create(id);
    await s.rt.start(id);
  }

  it("execs as a user named in the container's /etc/passwd, with output and exit code", async () => {
    s = fakeSetup({ exec: { code: 3, stdout: "out", stderr: "err" } });
    await running("c1");
    const etc = join(s.rt.paths("c1").rootfs, "etc");
    mkdirSync(etc, { recursive: true });
    writeFileSync(join(etc, "passwd"), "app:x:1000:1001::/home/app:/bin/sh\n");
    writeFileSync(join(etc, "group"), "app:x:1001:\n");
    const got: string[] = [];
    const code = await s.rt.exec("c1", {
      argv: ["id"],
      user: "app",
      cwd: "/tmp",
      onStdout: (c) => got.push(`1:${c}`),
      onStderr: (c) => got.push(`2:${c}`),
    });
    expect({ code, got }).toEqual({ code: 3, got: ["1:out", "2:err"] });
    expect(s.host.calls.at(-1)).toBe("runc exec c1 1000:1001 /tmp id");
    await s.rt.exec("c1", { argv: ["pwd"] });
    expect(s.host.calls.at(-1)).toBe("runc exec c1 0:0 / pwd");
  });

  it("lists containers with states and exit codes, sorted", async () => {
    s = fakeSetup();
    await running("b");
    await running("a");
    await s.rt.prepare("c", { spec: s.spec("c"), lowerDirs: ["/l"] });
    s.host.exit("a", 42);
    expect(await s.rt.list()).toEqual([
      { id: "a", name: "name-a", status: "exited", exitCode: 42 },
      { id: "b", name: "name-b", status: "running", pid: 1000 },
      { id: "c", name: "name-c", status: "created" },
    ]);
  });

  it("adopt removes half-made bundles and runc containers without a bundle", async () => {
    s = fakeSetup();
    await running("keep");
    mkdirSync(join(s.location.root, "containers", "half"));
    s.host.containers.set("stray", { id: "stray", status: "running", pid: 7, bundle: "/x" });
    const result = await s.rt.adopt();
    expect(result).toEqual({
      containers: [{ id: "keep", name: "name-keep", status: "running", pid: 1000 }],
      removed: ["half", "stray"],
    });
    expect(s.host.containers.has("stray")).toBe(false);
  });

  it("reports a created container whose runc state vanished as dead", async () => {
    s = fakeSetup();
    await s.rt.prepare("c1", { spec: s.spec("c1"), lowerDirs: ["/l"] });
    await s.rt.create("c1");
    s.host.containers.delete("c1");
    expect(await s.rt.state("c1")).toEqual({ id: "c1", status: "dead" });
  });

  it("cleanupInstance removes every container, mount and cgroup of the instance", async () => {
    s = fakeSetup();
    await running("a");
    await running("b");
    await s.rt.cleanupInstance();
    expect(s.host.containers.size).toBe(0);
    expect(s.host.mounted.size).toBe(0);
    expect(s.host.cgroupDirs.size).toBe(0);
    expect(s.host.calls.at(-1)).toBe("cgroup rm /berth-unit");
    expect(await s.rt.list()).toEqual([]);
  });

  it("waitExit gives the exit file's code", async () => {
    s = fakeSetup();
    await running("c1");
    const wait = s.rt.waitExit("c1");
    s.host.exit("c1", 9);
    expect(await wait).toBe(9);
  });
});
