import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EngineFixture, engineFixture } from "./engine-harness.js";

describe("adoption when the engine starts again", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await engineFixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it("keeps running ones running and watches them again", async () => {
    const id = await f.create({}, "a");
    await f.engine.startContainer(id);
    await f.engine.close(); // the old engine is gone: nothing watches any more
    const engine = await f.reopen();
    expect((await engine.inspectContainer("a")).State).toMatchObject({ Status: "running", Pid: 1000 });
    f.host.exit(id, 4);
    await f.until(
      async () => (await engine.inspectContainer(id)).State.Status === "exited",
      "exit after adoption",
    );
    expect((await engine.inspectContainer(id)).State.ExitCode).toBe(4);
  });

  it("gives ones that exited meanwhile their exit code (and their restart policy)", async () => {
    const quiet = await f.create({}, "quiet");
    const always = await f.create({ HostConfig: { RestartPolicy: { Name: "always" } } }, "always");
    await f.engine.startContainer(quiet);
    await f.engine.startContainer(always);
    await f.engine.close();
    f.host.exit(quiet, 5);
    f.host.exit(always, 6);
    const engine = await f.reopen();
    expect((await engine.inspectContainer("quiet")).State).toMatchObject({ Status: "exited", ExitCode: 5 });
    expect((await engine.inspectContainer("always")).State).toMatchObject({
      Status: "restarting",
      ExitCode: 6,
    });
    await f.clock.advance(100);
    await f.until(
      async () => (await engine.inspectContainer("always")).State.Status === "running",
      "restart",
    );
    expect((await engine.inspectContainer("always")).RestartCount).toBe(1);
  });

  it("marks records whose runtime container vanished dead, removes half-made creates and orphan bundles", async () => {
    const gone = await f.create({}, "gone");
    await f.engine.startContainer(gone);
    await f.engine.close();
    f.host.containers.delete(gone);
    rmSync(join(f.root, "containers", gone), { recursive: true, force: true });
    const half = "f".repeat(64);
    mkdirSync(join(f.root, "engine", "containers", half), { recursive: true });
    writeFileSync(join(f.root, "engine", "containers", half, "state.json"), "{ half");
    const orphan = "e".repeat(64);
    mkdirSync(join(f.root, "containers", orphan), { recursive: true });
    const engine = await f.reopen();
    expect((await engine.inspectContainer("gone")).State).toMatchObject({
      Status: "dead",
      Dead: true,
      Error: expect.stringContaining("vanished"),
    });
    expect(existsSync(join(f.root, "engine", "containers", half))).toBe(false);
    expect(existsSync(join(f.root, "containers", orphan))).toBe(false);
    await engine.removeContainer("gone", { force: false, v: false, link: false });
  });

  it("removes a create the engine died in (record written, bundle never finished)", async () => {
    const id = await f.create({}, "x");
    await f.engine.close();
    const path = join(f.root, "engine", "containers", id, "state.json");
    const { readFileSync } = await import("node:fs");
    const record = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...record, creating: true }));
    const engine = await f.reopen();
    await expect(engine.inspectContainer(id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(existsSync(join(f.root, "containers", id))).toBe(false);
    expect(f.host.mounted.size).toBe(0);
  });

  it("starts always containers with the engine, unless-stopped ones only when not stopped by the user", async () => {
    const always = await f.create({ HostConfig: { RestartPolicy: { Name: "always" } } }, "always");
    const unless = await f.create({ HostConfig: { RestartPolicy: { Name: "unless-stopped" } } }, "unless");
    const crashed = await f.create({ HostConfig: { RestartPolicy: { Name: "unless-stopped" } } }, "crashed");
    const never = await f.create({ HostConfig: { RestartPolicy: { Name: "always" } } }, "never-started");
    for (const id of [always, unless, crashed]) await f.engine.startContainer(id);
    await f.engine.stopContainer(always, { t: 0, signal: undefined });
    await f.engine.stopContainer(unless, { t: 0, signal: undefined });
    await f.engine.close();
    f.host.exit(crashed, 1);
    const engine = await f.reopen();
    await f.clock.advance(100);
    await f.until(
      async () => (await engine.inspectContainer("crashed")).State.Status === "running",
      "crashed back",
    );
    expect((await engine.inspectContainer("always")).State.Status).toBe("running");
    expect((await engine.inspectContainer("unless")).State.Status).toBe("exited");
    expect((await engine.inspectContainer(never)).State.Status).toBe("created");
  });

  it("a second container with a taken name still conflicts after a restart (names persist)", async () => {
    await f.create({}, "db");
    await f.engine.close();
    const engine = await f.reopen();
    await expect(engine.createContainer({ Image: "busybox" }, "db")).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
