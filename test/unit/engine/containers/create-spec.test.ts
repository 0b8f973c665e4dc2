import { describe, expect, it } from "vitest";
import {
  type CreateSpecInput,
  containerSpecFromCreate,
} from "../../../../src/engine/containers/create-spec.js";
import { healthSpecOf } from "../../../../src/engine/containers/health-spec.js";
import { parseBind, parseSize, parseTmpfsOptions } from "../../../../src/engine/containers/parse-binds.js";

const id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

function input(body: CreateSpecInput["body"], image: CreateSpecInput["image"] = {}): CreateSpecInput {
  return {
    id,
    name: "web",
    rootfs: "/r/rootfs",
    body,
    image,
    volumePath: (n) => `/r/volumes/${n}/_data`,
    initPath: "/usr/bin/catatonit",
  };
}

describe("Docker create body → ContainerSpec", () => {
  it("takes a minimal body: hostname from the id, loopback-only network with a warning", () => {
    const { spec, warnings } = containerSpecFromCreate(input({ Image: "busybox" }));
    expect(spec).toMatchObject({
      id,
      name: "web",
      rootfs: "/r/rootfs",
      hostname: "0123456789ab",
      network: { mode: "none" },
      mounts: [],
    });
    expect(warnings).toEqual([expect.stringContaining("bridge networking is not available yet")]);
  });

  it("maps host settings to limits, privileges, init, restart and mounts", () => {
    const { spec, warnings } = containerSpecFromCreate(
      input({
        Image: "busybox",
        Cmd: ["sleep", "1"],
        Entrypoint: ["/bin/sh", "-c"],
        Env: ["A=1", "B=x=y", "DROPPED"],
        User: "app",
        WorkingDir: "/tmp",
        Labels: { "com.example": "yes" },
        StopSignal: "SIGINT",
        StopTimeout: 3,
        HostConfig: {
          NetworkMode: "host",
          Memory: 33554432,
          NanoCpus: 500000000,
          PidsLimit: 20,
          CapAdd: ["NET_ADMIN"],
          CapDrop: ["MKNOD"],
          ReadonlyRootfs: true,
          Init: true,
          SecurityOpt: ["no-new-privileges"],
          RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 },
          Binds: ["/srv:/srv:ro", "data:/data"],
          Tmpfs: { "/run": "size=64m,mode=1777" },
          Mounts: [{ Type: "tmpfs", Target: "/cache", TmpfsOptions: { SizeBytes: 1024 } }],
          Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
          ShmSize: 1048576,
        },
      }),
    );
    expect(warnings).toEqual([]);
    expect(spec).toMatchObject({
      network: { mode: "host" },
      command: ["sleep", "1"],
      entrypoint: ["/bin/sh", "-c"],
      env: { A: "1", B: "x=y" },
      user: "app",
      workingDir: "/tmp",
      readOnly: true,
      noNewPrivileges: true,
      capAdd: ["NET_ADMIN"],
      capDrop: ["MKNOD"],
      init: { path: "/usr/bin/catatonit" },
      stopSignal: "SIGINT",
      stopGracePeriodMs: 3000,
      labels: { "com.example": "yes" },
      restart: { policy: "on-failure", maxRetries: 3 },
      resources: { memoryBytes: 33554432, cpus: 0.5, pidsLimit: 20 },
      ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
      shmSizeBytes: 1048576,
      mounts: [
        { type: "bind", source: "/srv", target: "/srv", readOnly: true },
        { type: "volume", name: "data", source: "/r/volumes/data/_data", target: "/data", readOnly: false },
        { type: "tmpfs", target: "/cache", sizeBytes: 1024 },
        { type: "tmpfs", target: "/run", sizeBytes: 67108864, mode: 0o1777 },
      ],
    });
  });

  it("refuses networks it cannot provide yet and conflicting cpu options", () => {
    expect(() =>
      containerSpecFromCreate(input({ Image: "b", HostConfig: { NetworkMode: "container:x" } })),
    ).toThrow(/not supported yet/);
    expect(() =>
      containerSpecFromCreate(input({ Image: "b", HostConfig: { NanoCpus: 1, CpuQuota: 1 } })),
    ).toThrow(/conflicting/);
  });
});

describe("health checks", () => {
  it("lets the container's fields win over the image's and fills Docker's defaults", () => {
    expect(
      healthSpecOf({ Test: ["CMD", "true"], Interval: 2e9 }, { Test: ["CMD-SHELL", "x"], Retries: 5 }),
    ).toEqual({
      test: ["true"],
      intervalMs: 2000,
      timeoutMs: 30000,
      retries: 5,
      startPeriodMs: 0,
      startIntervalMs: 5000,
    });
    expect(healthSpecOf(undefined, { Test: ["CMD-SHELL", "wget -q -O - http://x || exit 1"] })?.test).toEqual(
      ["/bin/sh", "-c", "wget -q -O - http://x || exit 1"],
    );
    expect(healthSpecOf({ Test: ["NONE"] }, { Test: ["CMD", "true"] })).toBeUndefined();
    expect(healthSpecOf(undefined, undefined)).toBeUndefined();
  });
});

describe("bind and tmpfs strings", () => {
  it.each([
    ["/a:/b", { kind: "bind", source: "/a", target: "/b", readOnly: false }],
    [
      "/a:/b:ro,rshared",
      { kind: "bind", source: "/a", target: "/b", readOnly: true, propagation: "rshared" },
    ],
    ["vol:/data:rw", { kind: "volume", source: "vol", target: "/data", readOnly: false }],
    ["/anon", { kind: "volume", source: "", target: "/anon", readOnly: false }],
  ])("parses %j", (text, expected) => {
    expect(parseBind(text)).toEqual(expected);
  });

  it.each(["./rel:/x", "/a:b", "/a:/b:bogus", "a:b:c:d"])("rejects %j naming it", (text) => {
    expect(() => parseBind(text)).toThrow(text);
  });

  it("reads tmpfs options and sizes", () => {
    expect(parseTmpfsOptions("/t", "size=1g,mode=700,ro,noexec")).toEqual({
      sizeBytes: 1073741824,
      mode: 0o700,
      readOnly: true,
    });
    expect(parseSize("512k", "x")).toBe(524288);
    expect(() => parseTmpfsOptions("/t", "mode=99")).toThrow(/invalid mode/);
  });
});
