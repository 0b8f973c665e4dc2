import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EngineFixture, engineFixture } from "../engine-harness.js";

const list = { filters: {} };

describe("engine volumes on the fake runtime", () => {
  let f: EngineFixture;
  let volumesDir: string;
  beforeEach(async () => {
    f = await engineFixture();
    volumesDir = join(f.root, "volumes");
  });
  afterEach(async () => {
    await f.dispose();
  });

  it("creates, inspects and lists a named volume in Docker's shape; a second create returns it", async () => {
    const created = await f.engine.createVolume({ Name: "data", Labels: { app: "web" } });
    expect(created).toEqual({
      Name: "data",
      Driver: "local",
      Mountpoint: join(volumesDir, "data", "_data"),
      CreatedAt: "2026-01-01T00:00:00Z",
      Labels: { app: "web" },
      Scope: "local",
      Options: null,
    });
    expect(readdirSync(join(volumesDir, "data")).sort()).toEqual(["_data", "volume.json"]);
    expect(await f.engine.createVolume({ Name: "data", Labels: { other: "x" } })).toEqual(created);
    expect(await f.engine.inspectVolume("data")).toEqual(created);
    expect(await f.engine.listVolumes(list)).toEqual({ Volumes: [created], Warnings: null });
    const events = f.engine.core.events.history().filter((e) => e.Type === "volume");
    expect(events.map((e) => [e.Action, e.Actor.ID, e.Actor.Attributes])).toEqual([
      ["create", "data", { driver: "local" }],
    ]);
  });

  it("refuses bad names, unknown drivers and options (400), and 404s unknown volumes", async () => {
    await expect(f.engine.createVolume({ Name: "a/b" })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(f.engine.createVolume({ Name: "vv", Driver: "nfs" })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: "volume driver nfs not supported",
    });
    await expect(f.engine.createVolume({ Name: "vv", DriverOpts: { size: "1g" } })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: 'invalid option key: "size"',
    });
    await expect(f.engine.inspectVolume("nope")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "get nope: no such volume",
    });
    await expect(f.engine.removeVolume("nope", { force: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await f.engine.removeVolume("nope", { force: true });
    expect(existsSync(volumesDir) ? readdirSync(volumesDir) : []).toEqual([]);
  });

  it("a bind volume needs an existing device; its data is that directory", async () => {
    const device = mkdtempSync(join(tmpdir(), "berth-voldev-"));
    try {
      const missing = join(device, "missing");
      await expect(
        f.engine.createVolume({ Name: "dev", DriverOpts: { type: "none", o: "bind", device: missing } }),
      ).rejects.toMatchObject({
        code: "INVALID_ARGUMENT",
        message: expect.stringContaining("does not exist"),
      });
      const volume = await f.engine.createVolume({
        Name: "dev",
        DriverOpts: { type: "none", o: "bind", device },
      });
      expect(volume).toMatchObject({ Mountpoint: device, Options: { device, o: "bind", type: "none" } });
      const id = await f.create({ HostConfig: { Binds: ["dev:/data"] } });
      expect((await f.engine.inspectContainer(id)).Mounts).toEqual([
        {
          Type: "volume",
          Name: "dev",
          Source: device,
          Destination: "/data",
          Driver: "local",
          Mode: "z",
          RW: true,
          Propagation: "",
        },
      ]);
    } finally {
      rmSync(device, { recursive: true, force: true });
    }
  });

  it("a tmpfs volume becomes a tmpfs mount of the container, and counts as in use", async () => {
    await f.engine.createVolume({
      Name: "fast",
      DriverOpts: { type: "tmpfs", device: "tmpfs", o: "size=1m" },
    });
    const id = await f.create({ HostConfig: { Binds: ["fast:/fast:ro"] } }, "t");
    expect((await f.engine.inspectContainer(id)).Mounts).toEqual([
      { Type: "tmpfs", Source: "", Destination: "/fast", Mode: "", RW: false, Propagation: "" },
    ]);
    await expect(f.engine.removeVolume("fast", { force: true })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `remove fast: volume is in use - [${id}]`,
    });
  });

  it("container create makes missing named and anonymous volumes; Mounts report them", async () => {
    const id = await f.create({ Volumes: { "/anon": {} }, HostConfig: { Binds: ["named:/named"] } }, "c");
    const mounts = (await f.engine.inspectContainer(id)).Mounts;
    const anon = mounts.find((m) => m.Destination === "/anon");
    expect(anon?.Name).toMatch(/^[0-9a-f]{64}$/);
    expect(mounts).toEqual([
      {
        Type: "volume",
        Name: "named",
        Source: join(volumesDir, "named", "_data"),
        Destination: "/named",
        Driver: "local",
        Mode: "z",
        RW: true,
        Propagation: "",
      },
      expect.objectContaining({ Type: "volume", Source: join(volumesDir, anon?.Name ?? "", "_data") }),
    ]);
    const anonymous = await f.engine.inspectVolume(anon?.Name ?? "");
    expect(anonymous.Labels).toEqual({ "com.docker.volume.anonymous": "" });
    const events = f.engine.core.events.history().map((e) => `${e.Type} ${e.Action}`);
    expect(events).toEqual(["volume create", "volume create", "container create"]);
  });

  it("rm -v removes the anonymous volumes only; a named one stays", async () => {
    const id = await f.create({ Volumes: { "/anon": {} }, HostConfig: { Binds: ["keep:/keep"] } }, "c");
    const anon = (await f.engine.inspectContainer(id)).Mounts.find((m) => m.Destination === "/anon")?.Name;
    await f.engine.removeContainer(id, { force: true, v: true, link: false });
    expect((await f.engine.listVolumes(list)).Volumes.map((v) => v.Name)).toEqual(["keep"]);
    expect(existsSync(join(volumesDir, anon ?? "x"))).toBe(false);
  });

  it("rm without -v keeps anonymous volumes (dangling, pruned by default prune)", async () => {
    const id = await f.create({ Volumes: { "/anon": {} } }, "c");
    await f.engine.removeContainer(id, { force: true, v: false, link: false });
    const [anon] = (await f.engine.listVolumes({ filters: { dangling: ["true"] } })).Volumes;
    expect(anon?.Labels).toEqual({ "com.docker.volume.anonymous": "" });
    expect(await f.engine.pruneVolumes({ filters: {} })).toEqual({
      VolumesDeleted: [anon?.Name],
      SpaceReclaimed: 0,
    });
  });

  it("refuses to remove a volume any container uses, running or not, even with force", async () => {
    const a = await f.create({ HostConfig: { Binds: ["db:/db"] } }, "a");
    const b = await f.create(
      { HostConfig: { Mounts: [{ Type: "volume", Source: "db", Target: "/x" }] } },
      "b",
    );
    await f.engine.startContainer("a");
    const users = [a, b].sort().join(", ");
    for (const force of [false, true]) {
      await expect(f.engine.removeVolume("db", { force })).rejects.toMatchObject({
        code: "CONFLICT",
        message: `remove db: volume is in use - [${users}]`,
      });
    }
    expect(
      (await f.engine.listVolumes({ filters: { dangling: ["false"] } })).Volumes.map((v) => v.Name),
    ).toEqual(["db"]);
    await f.engine.removeContainer("a", { force: true, v: true, link: false });
    await f.engine.removeContainer("b", { force: false, v: true, link: false });
    await f.engine.removeVolume("db", { force: false });
    expect(await f.engine.listVolumes(list)).toEqual({ Volumes: [], Warnings: null });
    expect(
      f.engine.core.events
        .history()
        .filter((e) => e.Type === "volume")
        .map((e) => e.Action),
    ).toEqual(["create", "destroy"]);
  });

  it("prune: anonymous unused by default, all=true for named, label filters, bytes reclaimed", async () => {
    await f.engine.createVolume({ Name: "keep", Labels: { keep: "1" } });
    await f.engine.createVolume({ Name: "drop" });
    await f.engine.createVolume({ Name: "used" });
    await f.create({ HostConfig: { Binds: ["used:/u"] } });
    writeFileSync(join(volumesDir, "drop", "_data", "f"), Buffer.alloc(1000));
    mkdirSync(join(volumesDir, "drop", "_data", "d"));
    writeFileSync(join(volumesDir, "drop", "_data", "d", "g"), Buffer.alloc(24));
    expect(await f.engine.pruneVolumes({ filters: {} })).toEqual({ VolumesDeleted: null, SpaceReclaimed: 0 });
    expect(await f.engine.pruneVolumes({ filters: { all: ["true"], "label!": ["keep"] } })).toEqual({
      VolumesDeleted: ["drop"],
      SpaceReclaimed: 1024,
    });
    expect((await f.engine.listVolumes(list)).Volumes.map((v) => v.Name)).toEqual(["keep", "used"]);
    await expect(f.engine.pruneVolumes({ filters: { dangling: ["true"] } })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });

  it("list filters: name, label, driver, dangling", async () => {
    await f.engine.createVolume({ Name: "alpha", Labels: { tier: "db" } });
    await f.engine.createVolume({ Name: "beta" });
    await f.create({ HostConfig: { Binds: ["beta:/b"] } });
    const names = async (filters: Record<string, string[]>) =>
      (await f.engine.listVolumes({ filters })).Volumes.map((v) => v.Name);
    expect(await names({ name: ["alp"] })).toEqual(["alpha"]);
    expect(await names({ label: ["tier=db"] })).toEqual(["alpha"]);
    expect(await names({ label: ["tier"] })).toEqual(["alpha"]);
    expect(await names({ driver: ["local"] })).toEqual(["alpha", "beta"]);
    expect(await names({ dangling: ["true"] })).toEqual(["alpha"]);
    await expect(names({ status: ["x"] })).rejects.toMatchObject({ message: "invalid filter 'status'" });
  });

  it("a failed create removes the volumes it made; a missing bind source of Mounts is a 400", async () => {
    const missing = join(f.root, "no-such-dir");
    await expect(
      f.create({
        HostConfig: {
          Binds: ["fresh:/fresh"],
          Mounts: [{ Type: "bind", Source: missing, Target: "/m" }],
        },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: `invalid mount config for type "bind": bind source path does not exist: ${missing}`,
    });
    expect(await f.engine.listVolumes(list)).toEqual({ Volumes: [], Warnings: null });
    expect(await f.engine.listContainers({ all: true, limit: undefined, size: false, filters: {} })).toEqual(
      [],
    );
  });

  it("short-syntax binds and CreateMountpoint create the missing host directory", async () => {
    const short = join(f.root, "made", "by", "binds");
    const long = join(f.root, "made-by-mounts");
    await f.create({
      HostConfig: {
        Binds: [`${short}:/s`],
        Mounts: [{ Type: "bind", Source: long, Target: "/l", BindOptions: { CreateMountpoint: true } }],
      },
    });
    expect(existsSync(short) && existsSync(long)).toBe(true);
  });

  it("VolumesFrom takes the other container's volumes and binds at the same targets", async () => {
    await f.create(
      { HostConfig: { Binds: ["shared:/data", `${f.root}:/host:ro`], Tmpfs: { "/t": "" } } },
      "src",
    );
    const id = await f.create({ HostConfig: { VolumesFrom: ["src:rw"] } }, "dst");
    expect(
      (await f.engine.inspectContainer(id)).Mounts.map((m) => [m.Type, m.Name, m.Destination, m.RW]),
    ).toEqual([
      ["volume", "shared", "/data", true],
      ["bind", undefined, "/host", true],
    ]);
    await expect(f.engine.removeVolume("shared", { force: false })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(f.create({ HostConfig: { VolumesFrom: ["ghost"] } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("on start, removes half-made volume dirs and adopts an older berth's volume that has data", async () => {
    mkdirSync(join(volumesDir, ".creating-abc", "_data"), { recursive: true });
    mkdirSync(join(volumesDir, "crashed", "_data"), { recursive: true });
    mkdirSync(join(volumesDir, "legacy", "_data"), { recursive: true });
    writeFileSync(join(volumesDir, "legacy", "_data", "keep"), "x");
    await f.reopen();
    expect(readdirSync(volumesDir).sort()).toEqual(["legacy"]);
    expect((await f.engine.inspectVolume("legacy")).Mountpoint).toBe(join(volumesDir, "legacy", "_data"));
  });
});
