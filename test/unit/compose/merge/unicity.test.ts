import { describe, expect, it } from "vitest";
import { enforceUnicity } from "../../../../src/compose/merge/index.js";
import {
  byDeviceTarget,
  byPort,
  byVolumeTarget,
  splitVolumeSpec,
} from "../../../../src/compose/merge/unique-keys.js";

describe("enforceUnicity", () => {
  it("keeps the first position and the last definition", () => {
    expect(enforceUnicity({ services: { s: { environment: ["A=1", "B=2", "A=3", "C"] } } })).toEqual({
      services: { s: { environment: ["A=3", "B=2", "C"] } },
    });
  });

  it("leaves lists without an identity alone", () => {
    const tree = { services: { s: { command: ["a", "a"], dns_opt: ["x", "x"] } }, other: ["a", "a"] };
    expect(enforceUnicity(tree)).toEqual({
      services: { s: { command: ["a", "a"], dns_opt: ["x"] } },
      other: ["a", "a"],
    });
  });

  it("de-duplicates expose, env_file, profiles and aliases", () => {
    const s = {
      expose: [80, "80", "81"],
      env_file: ["a.env", { path: "a.env", required: false }],
      profiles: ["p", "p"],
      networks: { n: { aliases: ["x", "x"] } },
    };
    expect(enforceUnicity({ services: { s } })).toEqual({
      services: {
        s: {
          expose: ["80", "81"],
          env_file: [{ path: "a.env", required: false }],
          profiles: ["p"],
          networks: { n: { aliases: ["x"] } },
        },
      },
    });
  });

  it("keeps items it cannot identify", () => {
    expect(enforceUnicity({ services: { s: { volumes: [{ type: "tmpfs" }, { type: "tmpfs" }] } } })).toEqual({
      services: { s: { volumes: [{ type: "tmpfs" }, { type: "tmpfs" }] } },
    });
  });
});

describe("unique keys", () => {
  it("volume targets, with Windows drive letters", () => {
    expect(byVolumeTarget("/data")).toBe("/data");
    expect(byVolumeTarget("vol:/data:ro")).toBe("/data");
    expect(byVolumeTarget({ type: "bind", source: ".", target: "/x" })).toBe("/x");
    expect(splitVolumeSpec("C:\\data:/data:rw")).toEqual(["C:\\data", "/data", "rw"]);
    expect(byVolumeTarget("C:\\data:/data")).toBe("/data");
  });

  it("device targets and port identities", () => {
    expect(byDeviceTarget("/dev/sda:/dev/xvda:rwm")).toBe("/dev/xvda");
    expect(byDeviceTarget("/dev/sda")).toBe("/dev/sda");
    expect(byPort(80)).toBe("80");
    expect(byPort({ target: 80, published: 8080 })).toBe("0.0.0.0:8080:80/tcp");
    expect(byPort({ published: 8080 })).toBeUndefined();
  });
});
