import { describe, expect, it } from "vitest";
import type { ContainerCreateBody } from "../../../../src/api/index.js";
import { parseVolumesFrom, planMounts } from "../../../../src/engine/volumes/mount-plan.js";
import type { MountSpec } from "../../../../src/runtime/spec/index.js";
import { NotFoundError } from "../../../../src/shared/errors.js";

const others: Record<string, MountSpec[]> = {
  src: [
    { type: "volume", name: "shared", source: "/r/volumes/shared/_data", target: "/data", readOnly: false },
    { type: "bind", source: "/host/logs", target: "/logs", readOnly: true },
    { type: "tmpfs", target: "/scratch" },
  ],
};

function plan(body: Partial<ContainerCreateBody>, imageVolumes: string[] = []) {
  return planMounts({
    body: { Image: "busybox", ...body },
    imageVolumes,
    mountsOf: (name) => {
      const found = others[name];
      if (!found) throw new NotFoundError(`No such container: ${name}`);
      return found;
    },
  });
}

const volume = { labels: {}, driverOptions: {}, noCopy: false, readOnly: false };

describe("planMounts", () => {
  it("Binds: host paths (created when missing), named and anonymous volumes, nocopy", () => {
    expect(plan({ HostConfig: { Binds: ["/h:/a:ro,rshared", "db:/b/", "cache:/c:nocopy"] } })).toEqual([
      {
        kind: "bind",
        source: "/h",
        target: "/a",
        readOnly: true,
        propagation: "rshared",
        createMissing: true,
      },
      { kind: "volume", name: "db", target: "/b", ...volume },
      { kind: "volume", name: "cache", target: "/c", ...volume, noCopy: true },
    ]);
  });

  it("Mounts: bind (must exist unless CreateMountpoint), volume options, tmpfs", () => {
    const planned = plan({
      HostConfig: {
        Mounts: [
          { Type: "bind", Source: "/h", Target: "/a" },
          {
            Type: "bind",
            Source: "/n",
            Target: "/n",
            BindOptions: { CreateMountpoint: true, NonRecursive: true },
          },
          {
            Type: "volume",
            Source: "v1",
            Target: "/v",
            ReadOnly: true,
            VolumeOptions: {
              NoCopy: true,
              Labels: { a: "b" },
              DriverConfig: { Name: "local", Options: { type: "tmpfs", device: "tmpfs" } },
            },
          },
          { Type: "volume", Target: "/anon" },
          { Type: "tmpfs", Target: "/t", TmpfsOptions: { SizeBytes: 1024, Mode: 0o700 } },
        ],
      },
    });
    expect(planned).toEqual([
      { kind: "bind", source: "/h", target: "/a", readOnly: false, recursive: true, createMissing: false },
      { kind: "bind", source: "/n", target: "/n", readOnly: false, recursive: false, createMissing: true },
      {
        kind: "volume",
        name: "v1",
        target: "/v",
        readOnly: true,
        noCopy: true,
        labels: { a: "b" },
        driver: "local",
        driverOptions: { type: "tmpfs", device: "tmpfs" },
      },
      { kind: "volume", target: "/anon", ...volume },
      { kind: "ready", mount: { type: "tmpfs", target: "/t", sizeBytes: 1024, mode: 0o700 } },
    ]);
  });

  it("Config.Volumes and image VOLUMEs become anonymous volumes where nothing else mounts", () => {
    const planned = plan({ Volumes: { "/data": {}, "/x": {} }, HostConfig: { Binds: ["named:/data"] } }, [
      "/var/lib/app",
      "/x",
    ]);
    expect(planned).toEqual([
      { kind: "volume", name: "named", target: "/data", ...volume },
      { kind: "volume", target: "/x", ...volume },
      { kind: "volume", target: "/var/lib/app", ...volume },
    ]);
  });

  it("VolumesFrom: volumes and binds of the other container (no tmpfs), modes kept or forced", () => {
    expect(plan({ HostConfig: { VolumesFrom: ["src"] } })).toEqual([
      { kind: "ready", mount: { ...others.src?.[0], readOnly: false } },
      { kind: "ready", mount: { ...others.src?.[1], readOnly: true } },
    ]);
    const ro = plan({ HostConfig: { VolumesFrom: ["src:ro"] } });
    expect(ro.map((m) => (m.kind === "ready" ? m.mount.readOnly : undefined))).toEqual([true, true]);
    const rw = plan({ HostConfig: { VolumesFrom: ["src:rw"], Binds: ["mine:/data"] } });
    expect(rw).toEqual([
      { kind: "volume", name: "mine", target: "/data", ...volume },
      { kind: "ready", mount: { ...others.src?.[1], readOnly: false } },
    ]);
    expect(() => plan({ HostConfig: { VolumesFrom: ["nope"] } })).toThrowError("No such container: nope");
  });

  it("parses VolumesFrom entries", () => {
    expect(parseVolumesFrom("a")).toEqual({ container: "a" });
    expect(parseVolumesFrom("a:ro")).toEqual({ container: "a", readOnly: true });
    expect(parseVolumesFrom("a:rw")).toEqual({ container: "a", readOnly: false });
    expect(() => parseVolumesFrom("a:z")).toThrowError('invalid mode for VolumesFrom "a:z": z');
  });

  it.each([
    [{ Binds: ["/a:/x", "v1:/x/"] }, "Duplicate mount point: /x"],
    [{ Binds: ["/a:/x"], Tmpfs: { "/x": "" } }, "Duplicate mount point: /x"],
    [{ Binds: ["a:/x"] }, 'create a: "a" includes invalid characters'],
    [
      { Mounts: [{ Type: "bind" as const, Target: "/x" }] },
      'invalid mount config for type "bind": field Source must not be empty',
    ],
    [
      { Mounts: [{ Type: "bind" as const, Source: "rel", Target: "/x" }] },
      "invalid mount path: 'rel' mount path must be absolute",
    ],
    [
      { Mounts: [{ Type: "volume" as const, Source: "v", Target: "rel" }] },
      "mount path must be absolute: rel",
    ],
    [
      { Mounts: [{ Type: "volume" as const, Source: "vv", Target: "/x", VolumeOptions: { Subpath: "a" } }] },
      "volume subpaths are not supported",
    ],
    [{ Mounts: [{ Type: "tmpfs" as const, Source: "x", Target: "/x" }] }, "field Source must be empty"],
    [{ Mounts: [{ Type: "npipe" as const, Target: "/x" }] }, 'mount type "npipe" is not supported'],
  ])("refuses %j", (host, message) => {
    expect(() => plan({ HostConfig: host })).toThrowError(message);
  });
});
