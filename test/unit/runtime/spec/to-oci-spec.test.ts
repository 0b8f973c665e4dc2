import { describe, expect, it } from "vitest";
import { DEFAULT_CAPABILITIES } from "../../../../src/runtime/spec/capabilities.js";
import type { ContainerSpec } from "../../../../src/runtime/spec/container-spec.js";
import { DEFAULT_PATH } from "../../../../src/runtime/spec/env.js";
import { capabilitiesFromMask } from "../../../../src/runtime/spec/host-facts.js";
import { RLIM_INFINITY } from "../../../../src/runtime/spec/resources.js";
import { MASKED_PATHS, READONLY_PATHS, toOciSpec } from "../../../../src/runtime/spec/to-oci-spec.js";
import { DEFAULT_CAPS_IN_KERNEL_ORDER } from "./default-caps.js";
import { base, files, host, id } from "./fixtures.js";

const capsInKernelOrder = DEFAULT_CAPS_IN_KERNEL_ORDER;

describe("toOciSpec", () => {
  it("produces the whole config for a plain container", () => {
    expect(toOciSpec(base, host, files)).toEqual({
      ociVersion: "1.0.2-dev",
      process: {
        terminal: false,
        user: { uid: 0, gid: 0, additionalGids: [] },
        args: ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"],
        env: [`PATH=${DEFAULT_PATH}`, "HOSTNAME=web", "NGINX_VERSION=1.25", "HOME=/root"],
        cwd: "/srv",
        capabilities: {
          bounding: capsInKernelOrder,
          effective: capsInKernelOrder,
          permitted: capsInKernelOrder,
        },
        rlimits: [],
        noNewPrivileges: false,
      },
      root: { path: `/var/lib/berth/containers/${id}/rootfs`, readonly: false },
      hostname: "web",
      mounts: [
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
          options: ["nosuid", "noexec", "nodev", "mode=1777", "size=67108864"],
        },
      ],
      linux: {
        namespaces: [
          { type: "pid" },
          { type: "ipc" },
          { type: "uts" },
          { type: "mount" },
          { type: "network", path: "/var/run/netns/berth-test-0123456789ab" },
          { type: "cgroup" },
        ],
        cgroupsPath: `/berth-test/${id}`,
        resources: { devices: [{ allow: false, access: "rwm" }] },
        maskedPaths: [...MASKED_PATHS],
        readonlyPaths: [...READONLY_PATHS],
      },
    });
  });

  const namespaceCases: { mode: ContainerSpec["network"]; network: unknown[]; sys: string }[] = [
    {
      mode: { mode: "netns", path: "/var/run/netns/x" },
      network: [{ type: "network", path: "/var/run/netns/x" }],
      sys: "sysfs",
    },
    { mode: { mode: "none" }, network: [{ type: "network" }], sys: "sysfs" },
    { mode: { mode: "host" }, network: [], sys: "bind" },
  ];
  for (const c of namespaceCases) {
    it(`network ${c.mode.mode}: namespaces and /sys`, () => {
      const oci = toOciSpec({ ...base, network: c.mode }, host, files);
      expect(oci.linux.namespaces).toEqual([
        { type: "pid" },
        { type: "ipc" },
        { type: "uts" },
        { type: "mount" },
        ...c.network,
        { type: "cgroup" },
      ]);
      expect(oci.mounts.find((m) => m.destination === "/sys")?.type).toBe(c.sys);
    });
  }

  it("wraps the argv with the init and binds it read-only", () => {
    const oci = toOciSpec({ ...base, init: { path: "/usr/bin/catatonit" } }, host, files);
    expect(oci.process.args).toEqual([
      "/sbin/berth-init",
      "--",
      "/docker-entrypoint.sh",
      "nginx",
      "-g",
      "daemon off;",
    ]);
    expect(oci.mounts.at(-1)).toEqual({
      destination: "/sbin/berth-init",
      type: "bind",
      source: "/usr/bin/catatonit",
      options: ["bind", "rprivate", "ro"],
    });
  });

  it("applies service overrides: argv, env, user, group_add, cwd, tty, read-only, no_new_privileges", () => {
    const oci = toOciSpec(
      {
        ...base,
        entrypoint: [],
        command: "exec nginx",
        env: { NGINX_VERSION: "local", DEBUG: "1" },
        user: "www",
        groupAdd: ["root"],
        workingDir: "/var/www/./html/",
        tty: true,
        readOnly: true,
        noNewPrivileges: true,
        domainname: "example.test",
      },
      host,
      files,
    );
    expect(oci.process.args).toEqual(["/bin/sh", "-c", "exec nginx"]);
    expect(oci.process.env).toEqual([
      `PATH=${DEFAULT_PATH}`,
      "HOSTNAME=web",
      "TERM=xterm",
      "NGINX_VERSION=local",
      "DEBUG=1",
      "HOME=/var/www",
    ]);
    expect(oci.process.user).toEqual({ uid: 33, gid: 33, additionalGids: [100, 0] });
    expect(oci.process.cwd).toBe("/var/www/html");
    expect(oci.process.terminal).toBe(true);
    expect(oci.process.noNewPrivileges).toBe(true);
    expect(oci.root.readonly).toBe(true);
    expect(oci.domainname).toBe("example.test");
  });

  it("takes the image user when the service sets none", () => {
    const oci = toOciSpec({ ...base, image: { ...base.image, user: "www:users" } }, host, files);
    expect(oci.process.user).toEqual({ uid: 33, gid: 100, additionalGids: [] });
  });

  it("privileged: all capabilities, no masked or readonly paths, all devices, host device nodes", () => {
    const devices = [
      { path: "/dev/fuse", type: "c" as const, major: 10, minor: 229, fileMode: 0o666, uid: 0, gid: 0 },
    ];
    const oci = toOciSpec({ ...base, privileged: true, capDrop: ["ALL"] }, { ...host, devices }, files);
    expect(oci.process.capabilities.bounding).toHaveLength(41);
    expect(oci.linux.maskedPaths).toEqual([]);
    expect(oci.linux.readonlyPaths).toEqual([]);
    expect(oci.linux.resources.devices).toEqual([{ allow: true, access: "rwm" }]);
    expect(oci.linux.devices).toEqual(devices);
  });

  it("privileged gets only the engine's bounding set (runc fails on more)", () => {
    const boundingCapabilities = capabilitiesFromMask("000001fffeffffff");
    const oci = toOciSpec({ ...base, privileged: true }, { ...host, boundingCapabilities }, files);
    expect(oci.process.capabilities.bounding).toEqual(boundingCapabilities);
    expect(oci.process.capabilities.bounding).not.toContain("CAP_SYS_RESOURCE");
  });

  it("clamps rlimits to the engine's own hard limits", () => {
    const oci = toOciSpec(
      { ...base, ulimits: [{ name: "memlock", soft: -1, hard: -1 }] },
      { ...host, rlimitHard: { memlock: 8388608 } },
      files,
    );
    expect(oci.process.rlimits).toEqual([{ type: "RLIMIT_MEMLOCK", soft: 8388608, hard: 8388608 }]);
  });

  it("cap_add / cap_drop reach every capability set", () => {
    const oci = toOciSpec({ ...base, capAdd: ["NET_ADMIN"], capDrop: ["ALL"] }, host, files);
    expect(oci.process.capabilities).toEqual({
      bounding: ["CAP_NET_ADMIN"],
      effective: ["CAP_NET_ADMIN"],
      permitted: ["CAP_NET_ADMIN"],
    });
    expect(DEFAULT_CAPABILITIES).toHaveLength(14);
  });

  it("limits, ulimits, sysctls and labels", () => {
    const oci = toOciSpec(
      {
        ...base,
        resources: { cpus: 0.5, memoryBytes: 536870912, pidsLimit: 64, cpuShares: 256 },
        ulimits: [
          { name: "nofile", soft: 1048576, hard: 1048576 },
          { name: "core", soft: 0, hard: -1 },
        ],
        sysctls: { "net.ipv4.ip_unprivileged_port_start": "0", "kernel.msgmax": "65536" },
        labels: { "com.docker.compose.service": "web", "com.docker.compose.project": "shop" },
      },
      host,
      files,
    );
    expect(oci.linux.resources).toEqual({
      devices: [{ allow: false, access: "rwm" }],
      memory: { limit: 536870912, swap: 1073741824 },
      cpu: { period: 100000, quota: 50000, shares: 256 },
      pids: { limit: 64 },
    });
    expect(oci.process.rlimits).toEqual([
      { type: "RLIMIT_CORE", soft: 0, hard: RLIM_INFINITY },
      { type: "RLIMIT_NOFILE", soft: 20000, hard: 20000 },
    ]);
    expect(Object.entries(oci.linux.sysctl ?? {})).toEqual([
      ["kernel.msgmax", "65536"],
      ["net.ipv4.ip_unprivileged_port_start", "0"],
    ]);
    expect(Object.entries(oci.annotations ?? {})).toEqual([
      ["com.docker.compose.project", "shop"],
      ["com.docker.compose.service", "web"],
    ]);
  });

  it("sets rootfs propagation when a bind mount shares or slaves", () => {
    const slave = toOciSpec(
      { ...base, mounts: [{ type: "bind", source: "/a", target: "/a", propagation: "rslave" }] },
      host,
      files,
    );
    expect(slave.linux.rootfsPropagation).toBe("rslave");
    const shared = toOciSpec(
      {
        ...base,
        mounts: [
          { type: "bind", source: "/a", target: "/a", propagation: "rslave" },
          { type: "bind", source: "/b", target: "/b", propagation: "shared" },
        ],
      },
      host,
      files,
    );
    expect(shared.linux.rootfsPropagation).toBe("rshared");
    expect(toOciSpec(base, host, files).linux.rootfsPropagation).toBeUndefined();
  });
});
