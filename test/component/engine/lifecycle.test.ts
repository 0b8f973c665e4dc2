import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EngineFixture, engineFixture } from "./engine-harness.js";

describe("engine lifecycle on the fake runtime", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await engineFixture({ ignored: ["SIGTERM"] });
  });
  afterEach(async () => {
    await f.dispose();
  });

  it("creates with a 64-hex id, a generated name, and prepares the bundle without running it", async () => {
    const id = await f.create();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const inspect = await f.engine.inspectContainer(id);
    expect(inspect.Name).toMatch(/^\/[a-z]+_[a-z]+$/);
    expect(inspect.State.Status).toBe("created");
    expect(inspect.Path).toBe("sleep");
    expect(inspect.Args).toEqual(["1000"]);
    expect(f.host.calls.some((c) => c.startsWith("mount overlay"))).toBe(true);
    expect(f.host.calls.some((c) => c.startsWith("conmon create"))).toBe(false);
  });

  it("refuses a second container with the same name, naming the holder (409)", async () => {
    const first = await f.create({}, "web");
    await expect(f.create({}, "web")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(first),
    });
  });

  it("404s for an unknown image and leaves nothing behind", async () => {
    await expect(f.create({ Image: "nope:1" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No such image: nope:1",
    });
    expect(await f.engine.listContainers({ all: true, limit: undefined, size: false, filters: {} })).toEqual(
      [],
    );
  });

  it("starts (conmon create then runc start), reports running, and 304s a second start", async () => {
    const id = await f.create({}, "a");
    expect(await f.engine.startContainer("a")).toBe("changed");
    const calls = f.host.calls.filter((c) => c.includes(id));
    expect(calls.slice(-2)).toEqual([`conmon create ${id}`, `runc start ${id}`]);
    const inspect = await f.engine.inspectContainer(id);
    expect(inspect.State).toMatchObject({ Status: "running", Running: true, Pid: 1000 });
    expect(await f.engine.startContainer(id)).toBe("unchanged");
  });

  it("stop: TERM ignored by PID 1 → KILL after the grace → 137, stop events in Docker's order", async () => {
    const id = await f.create({}, "a");
    await f.engine.startContainer(id);
    expect(await f.engine.stopContainer(id, { t: 1, signal: undefined })).toBe("changed");
    const inspect = await f.engine.inspectContainer(id);
    expect(inspect.State).toMatchObject({ Status: "exited", ExitCode: 137, Running: false });
    const actions = f.engine.core.events.history().map((e) => e.Action);
    expect(actions).toEqual(["create", "start", "kill", "die", "stop"]);
    const die = f.engine.core.events.history().find((e) => e.Action === "die");
    expect(die?.Actor.Attributes).toMatchObject({ name: "a", image: "busybox", exitCode: "137" });
    expect(await f.engine.stopContainer(id, { t: 1, signal: undefined })).toBe("unchanged");
  });

  it("notices an exit by itself and answers waits with the exit code", async () => {
    const id = await f.create({}, "a");
    await f.engine.startContainer(id);
    const wait = f.engine.waitContainer(id, { condition: "not-running" }, new AbortController().signal);
    f.host.exit(id, 3);
    expect(await wait).toEqual({ StatusCode: 3 });
    expect((await f.engine.inspectContainer(id)).State.Status).toBe("exited");
    expect(
      await f.engine.waitContainer(id, { condition: "not-running" }, new AbortController().signal),
    ).toEqual({
      StatusCode: 3,
    });
  });

  it("refuses to remove a running container unless forced; removal takes every runtime object", async () => {
    const id = await f.create({}, "a");
    await f.engine.startContainer(id);
    await expect(f.engine.removeContainer(id, { force: false, v: false, link: false })).rejects.toMatchObject(
      {
        code: "CONFLICT",
      },
    );
    const removed = f.engine.waitContainer(id, { condition: "removed" }, new AbortController().signal);
    await f.engine.removeContainer(id, { force: true, v: false, link: false });
    await removed;
    expect(f.host.containers.size).toBe(0);
    expect(f.host.mounted.size).toBe(0);
    await expect(f.engine.inspectContainer(id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(f.engine.core.events.history().at(-1)?.Action).toBe("destroy");
  });

  it("pause and unpause through the freezer; kill of a stopped container is a 409", async () => {
    const id = await f.create({}, "a");
    await f.engine.startContainer(id);
    await f.engine.pauseContainer(id);
    expect((await f.engine.inspectContainer(id)).State).toMatchObject({
      Status: "paused",
      Paused: true,
      Running: true,
    });
    await f.engine.unpauseContainer(id);
    await f.engine.killContainer(id, { signal: "KILL" });
    await f.until(async () => (await f.engine.inspectContainer(id)).State.Status === "exited", "exit");
    expect((await f.engine.inspectContainer(id)).State.ExitCode).toBe(137);
    await expect(f.engine.killContainer(id, { signal: undefined })).rejects.toMatchObject({
      code: "STATE_TRANSITION",
    });
  });

  it("lists running ones by default, all with all=1, and filters by label, name, status, exited, ancestor, id", async () => {
    const a = await f.create({ Labels: { tier: "web" } }, "a");
    const b = await f.create({ Labels: { tier: "db" } }, "b");
    await f.engine.startContainer(a);
    await f.engine.startContainer(b);
    await f.engine.stopContainer(b, { t: 0, signal: undefined });
    const names = async (query: Parameters<typeof f.engine.listContainers>[0]) =>
      (await f.engine.listContainers(query)).map((c) => c.Names[0]);
    expect(await names({ all: false, limit: undefined, size: false, filters: {} })).toEqual(["/a"]);
    expect(await names({ all: true, limit: undefined, size: false, filters: {} })).toEqual(["/b", "/a"]);
    expect(
      await names({ all: true, limit: undefined, size: false, filters: { label: ["tier=db"] } }),
    ).toEqual(["/b"]);
    expect(await names({ all: true, limit: undefined, size: false, filters: { name: ["^/a$"] } })).toEqual([
      "/a",
    ]);
    expect(
      await names({ all: false, limit: undefined, size: false, filters: { status: ["exited"] } }),
    ).toEqual(["/b"]);
    expect(await names({ all: false, limit: undefined, size: false, filters: { exited: ["137"] } })).toEqual([
      "/b",
    ]);
    expect(
      await names({ all: true, limit: undefined, size: false, filters: { ancestor: ["busybox"] } }),
    ).toEqual(["/b", "/a"]);
    expect(
      await names({ all: true, limit: undefined, size: false, filters: { id: [a.slice(0, 8)] } }),
    ).toEqual(["/a"]);
    const [summary] = await f.engine.listContainers({
      all: false,
      limit: undefined,
      size: false,
      filters: {},
    });
    expect(summary).toMatchObject({
      Image: "busybox",
      Command: "sleep 1000",
      State: "running",
      Labels: { tier: "web" },
    });
    expect(summary?.Status).toBe("Up Less than a second");
  });

  it("exec keeps its exit code for inspect and streams output", async () => {
    await f.dispose();
    f = await engineFixture({ exec: { code: 7, stdout: "out\n", stderr: "err\n" } });
    const id = await f.create({}, "a");
    await f.engine.startContainer(id);
    const { Id } = await f.engine.createExec(id, { Cmd: ["sh", "-c", "exit 7"] });
    const stream = await f.engine.startExec(Id, { options: {}, signal: new AbortController().signal });
    const out: string[] = [];
    for await (const chunk of stream.output) out.push(`${chunk.stream}:${chunk.data.toString()}`);
    expect(out).toEqual(["stdout:out\n", "stderr:err\n"]);
    expect(await f.engine.inspectExec(Id)).toMatchObject({ ExitCode: 7, Running: false, ContainerID: id });
    expect((await f.engine.inspectContainer(id)).ExecIDs).toEqual([Id]);
  });
});
