import { describe, expect, it } from "vitest";
import type { LoadResult } from "../../../src/app/compose-port.js";
import { type ConfigRequest, configCommand } from "../../../src/app/config/config-command.js";

const result: LoadResult = {
  project: {
    name: "demo",
    services: {
      api: { image: "api:1", depends_on: { db: { condition: "service_healthy", required: true } } },
      db: { image: "postgres:16", environment: { PASSWORD: "pa$word" } },
      web: { image: "nginx", depends_on: { api: { condition: "service_started", required: true } } },
      other: { image: "busybox" },
    },
  },
  configFiles: ["/p/compose.yaml"],
  allProfiles: [],
  environment: {},
  warnings: ["`version` is obsolete"],
};
const deps = { loadProject: () => result, host: { readFile: () => undefined, isDirectory: () => false } };
const request = (more: Partial<ConfigRequest> = {}): ConfigRequest => ({
  load: { files: [], cwd: "/p", environment: {} },
  format: "yaml",
  services: [],
  ...more,
});

describe("configCommand", () => {
  it("passes loader warnings on", () => {
    expect(configCommand(request(), deps).warnings).toEqual(["`version` is obsolete"]);
  });

  it("escapes $ in the interpolated output so it stays a valid compose file", () => {
    expect(configCommand(request(), deps).text).toContain("PASSWORD: pa$$word");
  });

  it("does not escape $ with --no-interpolate", () => {
    const out = configCommand(request({ load: { ...request().load, interpolate: false } }), deps);
    expect(out.text).toContain("PASSWORD: pa$word");
  });

  it("keeps named services and their dependencies, transitively", () => {
    const out = configCommand(request({ services: ["web"], format: "json" }), deps);
    const parsed = JSON.parse(out.text) as { services: Record<string, unknown> };
    expect(Object.keys(parsed.services)).toEqual(["api", "db", "web"]);
  });

  it("warns that filtering is not applied with --no-interpolate", () => {
    const out = configCommand(
      request({ services: ["web"], load: { ...request().load, interpolate: false } }),
      deps,
    );
    expect(out.warnings).toContain("service filtering is not applied when --no-interpolate is set");
    expect(out.text).toContain("other:");
  });

  it("hashes every service for '*'", () => {
    const lines = configCommand(request({ hash: "*" }), deps)
      .text.trimEnd()
      .split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["api", "db", "other", "web"]);
  });

  it("rejects an unknown service in --hash", () => {
    expect(() => configCommand(request({ hash: "nope" }), deps)).toThrow("no such service: nope");
  });

  it("renders nothing with quiet, but still loads, warns and checks the named services", () => {
    let loads = 0;
    const counting = {
      ...deps,
      loadProject: () => {
        loads++;
        return result;
      },
    };
    const out = configCommand(request({ quiet: true }), counting);
    expect(out).toEqual({ text: "", warnings: ["`version` is obsolete"] });
    expect(loads).toBe(1);
    expect(() => configCommand(request({ quiet: true, services: ["nope"] }), deps)).toThrow(
      "no such service: nope",
    );
  });
});
