import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enginePaths } from "../../../src/engine/paths.js";

describe("enginePaths", () => {
  it("derives every path from the defaults", () => {
    expect(enginePaths()).toEqual({
      root: "/var/lib/berth",
      runDir: "/run/berth",
      instance: "default",
      stateDir: "/var/lib/berth/engine/containers",
      volumesDir: "/var/lib/berth/volumes",
      socketPath: "/run/berth/berth.sock",
      logFile: "/var/lib/berth/engine.log",
      lockFile: "/var/lib/berth/engine.pid",
    });
  });

  it("takes relative locations against the current directory (a detached engine runs in /)", () => {
    const paths = enginePaths({ root: "data/root", runDir: "./run", socketPath: "s.sock" });
    expect(paths.root).toBe(join(process.cwd(), "data/root"));
    expect(paths.runDir).toBe(join(process.cwd(), "run"));
    expect(paths.socketPath).toBe(join(process.cwd(), "s.sock"));
    expect(paths.lockFile).toBe(join(process.cwd(), "data/root/engine.pid"));
  });
});
