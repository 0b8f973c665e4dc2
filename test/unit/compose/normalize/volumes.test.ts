import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { lookupIn } from "../../../../src/compose/host.js";
import { pathResolver } from "../../../../src/compose/normalize/paths.js";
import {
  isCleanPath,
  normalizeVolumeEntry,
  parseVolumeSpec,
} from "../../../../src/compose/normalize/volumes.js";

describe("parseVolumeSpec", () => {
  const cases: [string, unknown][] = [
    ["/data", { type: "volume", target: "/data", volume: {} }],
    ["db:/var/lib/db", { type: "volume", source: "db", target: "/var/lib/db", volume: {} }],
    [
      "db:/var/lib/db:nocopy",
      { type: "volume", source: "db", target: "/var/lib/db", volume: { nocopy: true } },
    ],
    [
      "./src:/app:ro",
      { type: "bind", source: "./src", target: "/app", read_only: true, bind: { create_host_path: true } },
    ],
    [
      "/opt/data:/var/lib/mysql",
      { type: "bind", source: "/opt/data", target: "/var/lib/mysql", bind: { create_host_path: true } },
    ],
    ["~/cfg:/cfg:rw", { type: "bind", source: "~/cfg", target: "/cfg", bind: { create_host_path: true } }],
    [
      "/a:/b:ro,z,rshared",
      {
        type: "bind",
        source: "/a",
        target: "/b",
        read_only: true,
        bind: { selinux: "z", propagation: "rshared", create_host_path: true },
      },
    ],
    ["/a:/b/c/../d/", { type: "bind", source: "/a", target: "/b/d", bind: { create_host_path: true } }],
  ];
  it.each(cases)("%s", (spec, expected) => {
    expect(JSON.stringify(parseVolumeSpec(spec))).toBe(JSON.stringify(expected));
  });
  it.each([["a::b"], ["a:b:c:d"]])("rejects %s", (spec) => {
    expect(() => parseVolumeSpec(spec)).toThrow();
  });
});

describe("normalizeVolumeEntry", () => {
  const on = pathResolver({ workingDir: "/proj", lookup: lookupIn({ HOME: "/home/me" }), enabled: true });
  const off = pathResolver({ workingDir: "/proj", lookup: lookupIn({ HOME: "/home/me" }), enabled: false });
  const cases: [string, unknown, typeof on, unknown][] = [
    [
      "relative bind, resolution on",
      "./src:/app",
      on,
      { type: "bind", source: "/proj/src", target: "/app", bind: { create_host_path: true } },
    ],
    [
      "relative bind, resolution off",
      "./src:/app",
      off,
      { type: "bind", source: "./src", target: "/app", bind: { create_host_path: true } },
    ],
    [
      "home bind",
      "~/cfg:/cfg",
      on,
      { type: "bind", source: "/home/me/cfg", target: "/cfg", bind: { create_host_path: true } },
    ],
    [
      "parent bind",
      "../x:/x",
      on,
      { type: "bind", source: "/x", target: "/x", bind: { create_host_path: true } },
    ],
    ["named volume untouched", "data:/x", on, { type: "volume", source: "data", target: "/x", volume: {} }],
    [
      "long bind gets create_host_path",
      { type: "bind", source: ".", target: "/app/" },
      on,
      { type: "bind", source: "/proj", target: "/app", bind: { create_host_path: true } },
    ],
    [
      "long bind keeps create_host_path false",
      { type: "bind", source: "/s", target: "/t", bind: { create_host_path: false } },
      on,
      { type: "bind", source: "/s", target: "/t", bind: { create_host_path: false } },
    ],
    [
      "tmpfs size",
      { type: "tmpfs", target: "/tmp", tmpfs: { size: "64m", mode: "1777" } },
      on,
      { type: "tmpfs", target: "/tmp", tmpfs: { size: "67108864", mode: 1023 } },
    ],
  ];
  it.each(cases)("%s", (_name, entry, paths, expected) => {
    expect(JSON.stringify(normalizeVolumeEntry(entry as never, paths))).toBe(JSON.stringify(expected));
  });
});

describe("clean paths (the shortcut past posix.normalize and posix.join)", () => {
  const paths = [
    "/",
    "//",
    "/data",
    "/data/",
    "/a//b",
    "/a/./b",
    "/a/../b",
    "/a/.hidden",
    "/a/b.c/d",
    "a/b",
    "./a",
    "/a/b/..",
    "/a/...",
  ];

  it("agrees with posix.normalize without a trailing slash", () => {
    for (const path of paths) {
      const normal = posix.normalize(path);
      const same = path.length > 1 && normal === path && !path.endsWith("/");
      expect(isCleanPath(path) ? same : true, path).toBe(true);
    }
    expect(paths.filter((path) => isCleanPath(path))).toEqual(["/data", "/a/b.c/d"]);
  });

  it("resolves relative host paths as posix.join does, clean or not", () => {
    const lookup = lookupIn({ HOME: "/home/me" });
    const sources = ["./data/x", "./data/x/", "./", ".", "./a//b", "./a/../b", "./.env", "data", "../up"];
    for (const workingDir of ["/p", "/p/", "/", "/p//q", "/p/./q"]) {
      const resolver = pathResolver({ workingDir, lookup, enabled: true });
      for (const source of sources)
        expect(resolver.resolve(source), `${workingDir} ${source}`).toBe(posix.join(workingDir, source));
    }
  });

  it("keeps container targets as compose prints them", () => {
    const targets = { "/data": "/data", "/data/": "/data", "/a//b/./c": "/a/b/c", "/": "/", "/x/../y": "/y" };
    for (const [target, printed] of Object.entries(targets))
      expect(parseVolumeSpec(`v:${target}`).target, target).toBe(printed);
  });
});
