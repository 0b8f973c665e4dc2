import { describe, expect, it } from "vitest";
import { ComposeError } from "../../../../src/compose/errors.js";
import { findConfigFiles } from "../../../../src/compose/load/config-files.js";
import { memoryHost } from "../../../support/memory-host.js";

const yaml = "services: {}\n";

describe("finding compose files", () => {
  it("discovers compose.yaml and its override in the working directory", () => {
    const host = memoryHost({
      "/p/compose.yaml": yaml,
      "/p/compose.override.yaml": yaml,
      "/p/docker-compose.yml": yaml,
    });
    expect(findConfigFiles({ files: [], cwd: "/p", environment: {} }, host)).toEqual([
      { path: "/p/compose.yaml" },
      { path: "/p/compose.override.yaml" },
    ]);
  });

  it("walks up to a parent directory", () => {
    const host = memoryHost({ "/p/docker-compose.yml": yaml, "/p/docker-compose.override.yml": yaml });
    expect(findConfigFiles({ files: [], cwd: "/p/a/b", environment: {} }, host).map((f) => f.path)).toEqual([
      "/p/docker-compose.yml",
      "/p/docker-compose.override.yml",
    ]);
  });

  it("takes -f over COMPOSE_FILE, resolving against the working directory", () => {
    const host = memoryHost({ "/p/a.yaml": yaml, "/p/b.yaml": yaml, "/p/compose.yaml": yaml });
    const env = { COMPOSE_FILE: "a.yaml:b.yaml" };
    expect(findConfigFiles({ files: [], cwd: "/p", environment: env }, host).map((f) => f.path)).toEqual([
      "/p/a.yaml",
      "/p/b.yaml",
    ]);
    expect(
      findConfigFiles({ files: ["b.yaml"], cwd: "/p", environment: env }, host).map((f) => f.path),
    ).toEqual(["/p/b.yaml"]);
    const separated = { COMPOSE_FILE: "a.yaml;b.yaml", COMPOSE_PATH_SEPARATOR: ";" };
    expect(findConfigFiles({ files: [], cwd: "/p", environment: separated }, host)).toHaveLength(2);
  });

  it("keeps - for stdin and names a missing file", () => {
    const host = memoryHost({});
    expect(findConfigFiles({ files: ["-"], cwd: "/p", environment: {} }, host)).toEqual([{ path: "-" }]);
    expect(() => findConfigFiles({ files: ["nope.yaml"], cwd: "/p", environment: {} }, host)).toThrow(
      /compose file not found: nope.yaml/,
    );
    expect(() => findConfigFiles({ files: [], cwd: "/p", environment: {} }, host)).toThrow(ComposeError);
  });
});
