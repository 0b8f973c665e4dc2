import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutputChunk } from "../../../src/api/index.js";
import { EngineClient } from "../../../src/client/index.js";
import { BerthError } from "../../../src/shared/errors.js";
import { type ServerFixture, startFixture } from "../engine-http/server-fixture.js";

let fx: ServerFixture;
let client: EngineClient;
beforeEach(async () => {
  fx = await startFixture();
  client = new EngineClient(fx.socketPath);
});
afterEach(async () => {
  await fx.close();
});

async function collect(chunks: AsyncIterable<OutputChunk>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(`${chunk.stream}:${chunk.data.toString()}`);
  return out;
}

async function* bytes(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

describe("EngineClient against the server and the fake backend", () => {
  it("pings, and reports false when nothing listens", async () => {
    expect(await client.ping()).toBe(true);
    expect(await new EngineClient(join(fx.dir, "absent.sock")).ping()).toBe(false);
    await expect(new EngineClient(join(fx.dir, "absent.sock")).version()).rejects.toMatchObject({
      code: "ENGINE_UNAVAILABLE",
    });
  });

  it("reads version and info", async () => {
    expect(await client.version()).toMatchObject({ ApiVersion: "1.43", Os: "linux" });
    expect(await client.info()).toMatchObject({ Images: 1, Containers: 0, OSType: "linux" });
  });

  it("drives a container through its lifecycle with Docker's no-op answers", async () => {
    const { Id, Warnings } = await client.createContainer(
      { Image: "busybox", Cmd: ["sleep", "100"], Labels: { app: "x" }, HostConfig: { Memory: 1 << 20 } },
      "life",
    );
    expect(Warnings).toEqual([]);
    expect(await client.startContainer("life")).toBe("changed");
    expect(await client.startContainer(Id)).toBe("unchanged");
    await client.pauseContainer("life");
    expect((await client.inspectContainer("life")).State).toMatchObject({
      Status: "paused",
      Paused: true,
      Running: true,
    });
    await expect(client.pauseContainer("life")).rejects.toMatchObject({ code: "STATE_TRANSITION" });
    await client.unpauseContainer("life");
    expect((await client.topContainer("life")).Processes[0]?.at(-1)).toBe("sleep 100");
    const inspect = await client.inspectContainer(Id.slice(0, 12));
    expect(inspect).toMatchObject({
      Name: "/life",
      Path: "sleep",
      Args: ["100"],
      HostConfig: { Memory: 1 << 20 },
    });
    const waiting = client.waitContainer("life");
    expect(await client.stopContainer("life", { t: 1 })).toBe("changed");
    expect(await waiting).toEqual({ StatusCode: 143, Error: null });
    expect(await client.stopContainer("life")).toBe("unchanged");
    await client.restartContainer("life");
    expect((await client.listContainers()).map((c) => c.Names)).toEqual([["/life"]]);
    await expect(client.removeContainer("life")).rejects.toMatchObject({ code: "CONFLICT" });
    const removed = client.waitContainer("life", { condition: "removed" });
    await client.removeContainer("life", { force: true });
    expect((await removed).StatusCode).toBe(137);
    const error = await client.inspectContainer("life").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "No such container: life" });
  });

  it("lists with filters and limit", async () => {
    await client.createContainer({ Image: "busybox", Cmd: ["echo", "a"], Labels: { tier: "web" } }, "a");
    await client.createContainer({ Image: "busybox", Cmd: ["fail", "2"], Labels: { tier: "db" } }, "b");
    await client.startContainer("b");
    const names = async (options: Parameters<EngineClient["listContainers"]>[0]) =>
      (await client.listContainers(options)).map((c) => c.Names[0]).sort();
    expect(await names({})).toEqual([]);
    expect(await names({ all: true })).toEqual(["/a", "/b"]);
    expect(await names({ all: true, filters: { label: ["tier=web"] } })).toEqual(["/a"]);
    expect(await names({ all: true, filters: { exited: ["2"] } })).toEqual(["/b"]);
    expect(await names({ all: true, filters: { status: ["created"] } })).toEqual(["/a"]);
    expect(await names({ all: true, filters: { ancestor: ["busybox"] } })).toEqual(["/a", "/b"]);
    expect(await names({ all: true, limit: 1 })).toHaveLength(1);
    await expect(client.listContainers({ filters: { bogus: ["1"] } })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: "invalid filter 'bogus'",
    });
  });

  it("demultiplexes logs, with timestamps, tail and stream selection", async () => {
    await client.createContainer({ Image: "busybox", Cmd: ["sleep", "1"] }, "talk");
    await client.startContainer("talk");
    const container = fx.fake.container("talk");
    fx.fake.writeLog(container, "stdout", "one\n");
    fx.fake.writeLog(container, "stderr", "two\n");
    fx.fake.writeLog(container, "stdout", "three\n");
    expect(await collect(client.containerLogs("talk"))).toEqual([
      "stdout:one\n",
      "stderr:two\n",
      "stdout:three\n",
    ]);
    expect(await collect(client.containerLogs("talk", { tail: 1 }))).toEqual(["stdout:three\n"]);
    expect(await collect(client.containerLogs("talk", { stdout: false }))).toEqual(["stderr:two\n"]);
    const stamped = await collect(client.containerLogs("talk", { timestamps: true, tail: 1 }));
    expect(stamped[0]).toMatch(/^stdout:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z three\n$/);
  });

  it("follows logs until the container exits", async () => {
    await client.createContainer({ Image: "busybox", Cmd: ["sleep", "1"] }, "follow");
    await client.startContainer("follow");
    const container = fx.fake.container("follow");
    fx.fake.writeLog(container, "stdout", "before\n");
    const seen: string[] = [];
    const done = (async () => {
      for await (const chunk of client.containerLogs("follow", { follow: true })) {
        seen.push(chunk.data.toString());
        if (seen.length === 1) {
          fx.fake.writeLog(container, "stdout", "after\n");
          fx.fake.exit(container, 0);
        }
      }
    })();
    await done;
    expect(seen).toEqual(["before\n", "after\n"]);
  });

  it("streams events as an async iterable, filtered, until aborted", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const listening = (async () => {
      for await (const event of client.events(
        { filters: { type: ["container"], event: ["start", "die"] } },
        controller.signal,
      )) {
        seen.push(`${event.Action}:${event.Actor.Attributes.name}`);
        if (seen.length === 2) controller.abort();
      }
    })();
    await new Promise((resolve) => setImmediate(resolve));
    await client.createContainer({ Image: "busybox", Cmd: ["echo", "x"] }, "evt");
    await client.startContainer("evt");
    await listening;
    expect(seen).toEqual(["start:evt", "die:evt"]);
    const past: string[] = [];
    for await (const event of client.events({ since: 0, until: Math.ceil(Date.now() / 1000) + 1 }))
      past.push(event.Action);
    expect(past).toEqual(["create", "start", "die"]);
  });

  it("runs execs over the hijacked connection with stdin, and reports their exit codes", async () => {
    await client.createContainer({ Image: "busybox", Cmd: ["sleep", "100"] }, "box");
    await expect(client.createExec("box", { Cmd: ["echo"] })).rejects.toMatchObject({
      code: "STATE_TRANSITION",
    });
    await client.startContainer("box");
    const cat = await client.createExec("box", { Cmd: ["cat"], AttachStdin: true, AttachStdout: true });
    const echoed = await collect(client.startExec(cat.Id, { stdin: bytes("hello ", "world\n") }));
    expect(echoed.join("").replaceAll("stdout:", "")).toBe("hello world\n");
    expect(await client.inspectExec(cat.Id)).toMatchObject({
      Running: false,
      ExitCode: 0,
      ContainerID: expect.any(String),
    });
    const missing = await client.createExec("box", { Cmd: ["nosuch"] });
    expect(await collect(client.startExec(missing.Id))).toEqual([
      'stderr:exec: "nosuch": executable file not found in $PATH\n',
    ]);
    expect((await client.inspectExec(missing.Id)).ExitCode).toBe(127);
    await expect(collect(client.startExec(missing.Id))).rejects.toMatchObject({ code: "CONFLICT" });
    const detached = await client.createExec("box", { Cmd: ["exit", "4"] });
    await client.startExecDetached(detached.Id);
    expect((await client.inspectExec(detached.Id)).ExitCode).toBe(4);
    await expect(client.inspectExec("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("manages images: list, inspect, tag, save, load, import, remove, prune", async () => {
    expect((await client.listImages()).map((i) => i.RepoTags)).toEqual([["busybox:latest"]]);
    await client.tagImage("busybox", { repo: "team/box", tag: "v1" });
    expect((await client.inspectImage("team/box:v1")).RepoTags).toEqual(["busybox:latest", "team/box:v1"]);
    const saved: Buffer[] = [];
    for await (const chunk of client.saveImages(["team/box:v1"])) saved.push(chunk);
    expect(Buffer.concat(saved).toString()).toBe("image team/box:v1\n");
    expect(await client.loadImages(bytes("image loaded/one:1\n"))).toEqual([
      { stream: "Loaded image: loaded/one:1\n" },
    ]);
    const id = await client.importImage(bytes("rootfs-bytes"), { repo: "imported", tag: "t" });
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await client.inspectImage("imported:t")).Size).toBe(12);
    expect(await client.removeImage("team/box:v1")).toEqual([{ Untagged: "team/box:v1" }]);
    expect(await client.pruneImages()).toEqual({ ImagesDeleted: null, SpaceReclaimed: 0 });
    await expect(client.inspectImage("absent")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.loadImages(bytes("garbage"))).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("imports with changes: each one a repeated query parameter, in order, characters intact", async () => {
    const changes = ['CMD ["echo","hi"]', "ENV A=b&c=d", "LABEL x=1 y=2", 'ENTRYPOINT ["/bin/sh", "-c"]'];
    await client.importImage(bytes("rootfs"), { repo: "changed", tag: "c", changes });
    expect(fx.fake.findImage("changed:c").changes).toEqual(changes);
    await client.importImage(bytes("rootfs"), { repo: "plain", changes: [] });
    expect(fx.fake.findImage("plain:latest").changes).toBeUndefined();
  });
});
