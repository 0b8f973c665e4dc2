import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliHarness, fixedClock, startCliHarness } from "./cli-harness.js";

let h: CliHarness;
beforeEach(async () => {
  h = await startCliHarness(fixedClock(Date.now()));
});
afterEach(async () => {
  await h.close();
});

describe("container create/run: the volume forms of -v and --mount, and --volumes-from", () => {
  it("sends Binds, anonymous Volumes, volume Mounts with driver options and labels, and VolumesFrom", async () => {
    await h.berth(["container", "create", "--name", "origin", "busybox"]);
    const run = await h.berth([
      "container",
      "create",
      "--name",
      "web",
      "-v",
      "data:/data:ro",
      "-v",
      "/host:/host",
      "-v",
      "/anon",
      "--mount",
      "type=volume,src=fast,dst=/fast,volume-driver=local,volume-opt=type=tmpfs,volume-opt=device=tmpfs,volume-opt=o=size=1m,volume-label=tier=cache,volume-nocopy",
      "--mount",
      "type=bind,source=/src,target=/dst,readonly,bind-propagation=rslave",
      "--volumes-from",
      "origin:ro",
      "--volumes-from",
      "origin",
      "busybox",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const body = h.fixture.fake.container("web").body;
    expect(body.Volumes).toEqual({ "/anon": {} });
    expect(body.HostConfig).toMatchObject({
      Binds: ["data:/data:ro", "/host:/host"],
      VolumesFrom: ["origin:ro", "origin"],
      Mounts: [
        {
          Type: "volume",
          Source: "fast",
          Target: "/fast",
          VolumeOptions: {
            NoCopy: true,
            Labels: { tier: "cache" },
            DriverConfig: { Name: "local", Options: { type: "tmpfs", device: "tmpfs", o: "size=1m" } },
          },
        },
        {
          Type: "bind",
          Source: "/src",
          Target: "/dst",
          ReadOnly: true,
          BindOptions: { Propagation: "rslave" },
        },
      ],
    });
  });

  it("refuses a volume-opt without a value", async () => {
    const run = await h.berth([
      "container",
      "create",
      "--mount",
      "type=volume,dst=/x,volume-opt=type",
      "busybox",
    ]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('invalid argument "type" for "--mount" flag: expected KEY=VALUE');
  });
});
