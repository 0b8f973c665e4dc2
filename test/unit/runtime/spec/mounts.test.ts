import { describe, expect, it } from "vitest";
import type { ContainerSpec, MountSpec } from "../../../../src/runtime/spec/container-spec.js";
import {
  buildMounts,
  standardMounts,
  tmpfsMountpoints,
  toOciMount,
} from "../../../../src/runtime/spec/mounts.js";
import type { OciMount } from "../../../../src/runtime/spec/oci-types.js";

const base: ContainerSpec = {
  id: "c1",
  name: "p-web-1",
  rootfs: "/var/lib/berth/containers/c1/rootfs",
  image: { cmd: ["sh"] },
  hostname: "web",
  network: { mode: "none" },
};

describe("toOciMount", () => {
  const cases: { name: string; mount: MountSpec; want: OciMount }[] = [
    {
      name: "bind rw defaults to rbind rprivate",
      mount: { type: "bind", source: "/src", target: "/app" },
      want: { destination: "/app", type: "bind", source: "/src", options: ["rbind", "rprivate"] },
    },
    {
      name: "bind ro, rshared, non-recursive",
      mount: {
        type: "bind",
        source: "/src",
        target: "/app/",
        readOnly: true,
        propagation: "rshared",
        recursive: false,
      },
      want: { destination: "/app", type: "bind", source: "/src", options: ["bind", "rshared", "ro"] },
    },
    {
      name: "named volume resolved to its host path",
      mount: { type: "volume", name: "db", source: "/var/lib/berth/volumes/db/_data", target: "/var/lib/db" },
      want: {
        destination: "/var/lib/db",
        type: "bind",
        source: "/var/lib/berth/volumes/db/_data",
        options: ["rbind", "rprivate"],
      },
    },
    {
      name: "read-only volume",
      mount: { type: "volume", name: "cfg", source: "/v/cfg", target: "/etc/app", readOnly: true },
      want: { destination: "/etc/app", type: "bind", source: "/v/cfg", options: ["rbind", "rprivate", "ro"] },
    },
    {
      name: "tmpfs without options",
      mount: { type: "tmpfs", target: "/run" },
      want: { destination: "/run", type: "tmpfs", source: "tmpfs", options: ["nosuid", "noexec", "nodev"] },
    },
    {
      name: "tmpfs with size and mode 1777",
      mount: { type: "tmpfs", target: "/tmp", sizeBytes: 104857600, mode: 0o1777 },
      want: {
        destination: "/tmp",
        type: "tmpfs",
        source: "tmpfs",
        options: ["nosuid", "noexec", "nodev", "size=104857600", "mode=1777"],
      },
    },
    {
      name: "tmpfs with mode 700, read-only",
      mount: { type: "tmpfs", target: "/secrets", mode: 0o700, readOnly: true },
      want: {
        destination: "/secrets",
        type: "tmpfs",
        source: "tmpfs",
        options: ["nosuid", "noexec", "nodev", "mode=700", "ro"],
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(toOciMount(c.mount)).toEqual(c.want);
    });
  }

  it("rejects relative targets", () => {
    expect(() => toOciMount({ type: "tmpfs", target: "tmp" })).toThrow('mount target "tmp" is not absolute');
  });
});

describe("standardMounts", () => {
  it("are Docker's, with /dev/shm sized", () => {
    expect(standardMounts({ ...base, shmSizeBytes: 134217728 })).toEqual([
      { destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"] },
      {
        destination: "/dev",
        type: "tmpfs",
        source: "tmpfs",
        options: ["nosuid", "strictatime", "mode=755", "size=65536k"],
      },
      {
        destination: "/dev/pts",
        type: "devpts",
        source: "devpts",
        options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
      },
      { destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"] },
      {
        destination: "/sys/fs/cgroup",
        type: "cgroup",
        source: "cgroup",
        options: ["ro", "nosuid", "noexec", "nodev"],
      },
      {
        destination: "/dev/mqueue",
        type: "mqueue",
        source: "mqueue",
        options: ["nosuid", "noexec", "nodev"],
      },
      {
        destination: "/dev/shm",
        type: "tmpfs",
        source: "shm",
        options: ["nosuid", "noexec", "nodev", "mode=1777", "size=134217728"],
      },
    ]);
  });

  it("default /dev/shm is 64 MiB", () => {
    expect(standardMounts(base).at(-1)?.options).toContain("size=67108864");
  });

  it("host networking rbinds /sys read-only instead of mounting sysfs", () => {
    const sys = standardMounts({ ...base, network: { mode: "host" } }).find((m) => m.destination === "/sys");
    expect(sys).toEqual({
      destination: "/sys",
      type: "bind",
      source: "/sys",
      options: ["rbind", "nosuid", "noexec", "nodev", "ro"],
    });
  });

  it("privileged mounts /sys and the cgroup tree read-write", () => {
    const mounts = standardMounts({ ...base, privileged: true });
    expect(mounts.find((m) => m.destination === "/sys")?.options).toEqual(["nosuid", "noexec", "nodev"]);
    expect(mounts.find((m) => m.destination === "/sys/fs/cgroup")?.options).toEqual([
      "nosuid",
      "noexec",
      "nodev",
    ]);
  });
});

describe("buildMounts", () => {
  const destinations = (spec: ContainerSpec) => buildMounts(spec).map((m) => `${m.type}:${m.destination}`);
  const standard = [
    "proc:/proc",
    "tmpfs:/dev",
    "devpts:/dev/pts",
    "sysfs:/sys",
    "cgroup:/sys/fs/cgroup",
    "mqueue:/dev/mqueue",
    "tmpfs:/dev/shm",
  ];

  it("standard, then /etc files and init, then user mounts sorted stably by depth", () => {
    const spec: ContainerSpec = {
      ...base,
      etcFiles: {
        hosts: "/run/berth/c1/hosts",
        hostname: "/run/berth/c1/hostname",
        resolvConf: "/run/berth/c1/resolv.conf",
      },
      init: { path: "/usr/bin/catatonit" },
      mounts: [
        { type: "bind", source: "/h/cache", target: "/app/node_modules/.cache" },
        { type: "bind", source: "/h/app", target: "/app" },
        { type: "tmpfs", target: "/tmp" },
        { type: "volume", name: "nm", source: "/v/nm", target: "/app/node_modules" },
      ],
    };
    expect(destinations(spec)).toEqual([
      ...standard,
      "bind:/app",
      "tmpfs:/tmp",
      "bind:/etc/resolv.conf",
      "bind:/etc/hostname",
      "bind:/etc/hosts",
      "bind:/sbin/berth-init",
      "bind:/app/node_modules",
      "bind:/app/node_modules/.cache",
    ]);
  });

  it("binds /etc files read-only with a read-only rootfs; init is always read-only", () => {
    const mounts = buildMounts({
      ...base,
      readOnly: true,
      etcFiles: { hosts: "/r/hosts" },
      init: { path: "/usr/bin/catatonit" },
    });
    expect(mounts.slice(-2)).toEqual([
      { destination: "/etc/hosts", type: "bind", source: "/r/hosts", options: ["rbind", "rprivate", "ro"] },
      {
        destination: "/sbin/berth-init",
        type: "bind",
        source: "/usr/bin/catatonit",
        options: ["bind", "rprivate", "ro"],
      },
    ]);
  });

  it("a user mount replaces the standard or engine mount at the same target", () => {
    const spec: ContainerSpec = {
      ...base,
      etcFiles: { resolvConf: "/r/resolv.conf" },
      mounts: [
        { type: "tmpfs", target: "/dev/shm", sizeBytes: 1024 },
        { type: "bind", source: "/mine/resolv.conf", target: "/etc/resolv.conf", readOnly: true },
      ],
    };
    const mounts = buildMounts(spec);
    expect(mounts.filter((m) => m.destination === "/dev/shm")).toEqual([
      {
        destination: "/dev/shm",
        type: "tmpfs",
        source: "tmpfs",
        options: ["nosuid", "noexec", "nodev", "size=1024"],
      },
    ]);
    expect(mounts.filter((m) => m.destination === "/etc/resolv.conf").map((m) => m.source)).toEqual([
      "/mine/resolv.conf",
    ]);
  });

  it("rejects two user mounts on one target", () => {
    const mounts: MountSpec[] = [
      { type: "tmpfs", target: "/data" },
      { type: "bind", source: "/x", target: "/data/" },
    ];
    expect(() => buildMounts({ ...base, mounts })).toThrow('duplicate mount target "/data"');
  });
});

describe("tmpfsMountpoints", () => {
  it("lists tmpfs targets with a mode, for the engine to pre-create", () => {
    const mounts: MountSpec[] = [
      { type: "tmpfs", target: "/tmp", mode: 0o1777 },
      { type: "tmpfs", target: "/run" },
      { type: "bind", source: "/x", target: "/x" },
      { type: "tmpfs", target: "/cache/", mode: 0o700 },
    ];
    expect(tmpfsMountpoints({ mounts })).toEqual([
      { target: "/tmp", mode: 0o1777 },
      { target: "/cache", mode: 0o700 },
    ]);
  });
});
