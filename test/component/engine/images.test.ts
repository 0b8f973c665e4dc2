import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EngineFixture, engineFixture } from "./engine-harness.js";

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("engine images", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await engineFixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  const noFilters = { all: false, digests: false, filters: {} };

  it("lists, inspects and tags in Docker's shapes, counting containers", async () => {
    await f.engine.tagImage("busybox", { repo: "example.com/tools/bb", tag: "1" });
    await f.create({}, "user");
    const [image] = await f.engine.listImages(noFilters);
    expect(image).toMatchObject({ RepoTags: ["busybox:latest", "example.com/tools/bb:1"], Containers: 1 });
    const inspect = await f.engine.inspectImage("example.com/tools/bb:1");
    expect(inspect).toMatchObject({ Id: image?.Id, Config: { Cmd: ["sleep", "1000"] }, Os: "linux" });
    expect(f.engine.core.events.history().some((e) => e.Type === "image" && e.Action === "tag")).toBe(true);
  });

  it("untags one of several names; refuses to delete an image a container uses unless forced", async () => {
    await f.engine.tagImage("busybox", { repo: "other", tag: undefined });
    expect(await f.engine.removeImage("other", { force: false, noprune: false })).toEqual([
      { Untagged: "other:latest" },
    ]);
    const id = await f.create({}, "user");
    await expect(f.engine.removeImage("busybox", { force: false, noprune: false })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(id.slice(0, 12)),
    });
    await f.engine.removeContainer(id, { force: true, v: false, link: false });
    const removed = await f.engine.removeImage("busybox", { force: false, noprune: false });
    expect(removed[0]).toEqual({ Untagged: "busybox:latest" });
    expect(removed[1]?.Deleted).toMatch(/^sha256:/);
    await expect(f.engine.inspectImage("busybox")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No such image: busybox",
    });
  });

  it("prune -a keeps images containers use; save then load brings an image back", async () => {
    const tar = await collect(await f.engine.saveImages(["busybox"], new AbortController().signal));
    const id = await f.create({}, "user");
    expect((await f.engine.pruneImages({ filters: { dangling: ["false"] } })).ImagesDeleted).toBeNull();
    await f.engine.removeContainer(id, { force: true, v: false, link: false });
    const pruned = await f.engine.pruneImages({ filters: { dangling: ["false"] } });
    expect(pruned.ImagesDeleted?.some((item) => item.Deleted !== undefined)).toBe(true);
    expect(await f.engine.listImages(noFilters)).toEqual([]);
    const loaded = await f.engine.loadImages(
      (async function* () {
        yield tar;
      })(),
      { quiet: false },
    );
    expect(loaded.loaded.map((l) => l.ref)).toEqual(["busybox:latest"]);
    expect(await f.create({}, "again")).toMatch(/^[0-9a-f]{64}$/);
  });
});
