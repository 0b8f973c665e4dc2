import { describe, expect, it } from "vitest";
import { runtimeLayout } from "../../../../src/runtime/layout.js";
import { overlayOptions, parseMountinfo } from "../../../../src/runtime/linux/overlay-mounter.js";

describe("overlay options", () => {
  it("lists lower dirs top first, then upper and work", () => {
    expect(
      overlayOptions({
        lowerDirs: ["/l/top", "/l/base"],
        upperDir: "/c/upper",
        workDir: "/c/work",
        target: "/c/rootfs",
      }),
    ).toBe("lowerdir=/l/top:/l/base,upperdir=/c/upper,workdir=/c/work");
  });

  it.each([
    [[], "/u"],
    [["/a:b"], "/u"],
    [["/a"], "/u,x"],
  ])("refuses lower %j / upper %s", (lowerDirs, upperDir) => {
    expect(() => overlayOptions({ lowerDirs, upperDir, workDir: "/w", target: "/t" })).toThrow();
  });
});

describe("mountinfo", () => {
  it("reads mount points and decodes octal escapes", () => {
    const text = [
      "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
      "90 22 0:50 / /tmp/a\\040b/rootfs rw - overlay overlay rw,lowerdir=/x",
      "",
    ].join("\n");
    expect(parseMountinfo(text)).toEqual(["/", "/tmp/a b/rootfs"]);
  });
});

describe("runtime layout", () => {
  it("derives every path and the cgroup parent from root, run dir and instance", () => {
    const layout = runtimeLayout({ root: "/var/lib/b", runDir: "/run/b", instance: "dev" });
    expect(layout.cgroupParent).toBe("/berth-dev");
    expect(layout.runcRoot).toBe("/run/b/runc");
    expect(layout.bundle("c1")).toEqual({
      dir: "/var/lib/b/containers/c1",
      config: "/var/lib/b/containers/c1/config.json",
      upper: "/var/lib/b/containers/c1/upper",
      work: "/var/lib/b/containers/c1/work",
      rootfs: "/var/lib/b/containers/c1/rootfs",
      log: "/var/lib/b/containers/c1/ctr.log",
      pidFile: "/var/lib/b/containers/c1/pidfile",
      shimPidFile: "/var/lib/b/containers/c1/conmon.pid",
      exitFile: "/run/b/exits/c1",
    });
  });

  it.each(["../x", "a/b", "", ".hidden", "x".repeat(129)])("refuses the id %j", (id) => {
    const layout = runtimeLayout({ root: "/r", runDir: "/run", instance: "i" });
    expect(() => layout.bundle(id)).toThrow(/invalid container id/);
  });

  it("refuses a bad instance name", () => {
    expect(() => runtimeLayout({ root: "/r", runDir: "/run", instance: "a/b" })).toThrow(/instance/);
  });
});
