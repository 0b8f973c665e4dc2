import { describe, expect, it } from "vitest";
import { rebasePath, rebaseServicePaths } from "../../../../src/compose/load/rebase-paths.js";

describe("rebasing relative paths", () => {
  it("moves relative paths, keeps absolute and home paths", () => {
    expect(rebasePath(".", "/p/sub", "/p")).toBe("sub");
    expect(rebasePath("../x", "/p/sub", "/p")).toBe("x");
    expect(rebasePath("/abs", "/p/sub", "/p")).toBe("/abs");
    expect(rebasePath("~/data", "/p/sub", "/p")).toBe("~/data");
    expect(rebasePath("a", "/p", "/p/sub")).toBe("../a");
    expect(rebasePath("sub", "/p", "/p/sub")).toBe(".");
  });

  it("rewrites build contexts, env files, bind sources and watch paths of a service", () => {
    const service = {
      build: { context: ".", dockerfile: "Dockerfile" },
      env_file: ["./extra.env", { path: "other.env", required: false }],
      volumes: ["./data:/data:ro", "named:/n", "/abs:/abs", { type: "bind", source: "../up", target: "/up" }],
      develop: { watch: [{ path: "./src", action: "sync", target: "/app" }] },
    };
    expect(rebaseServicePaths(service, "/p/sub", "/p")).toEqual({
      build: { context: "sub", dockerfile: "Dockerfile" },
      env_file: ["sub/extra.env", { path: "sub/other.env", required: false }],
      volumes: [
        "./sub/data:/data:ro",
        "named:/n",
        "/abs:/abs",
        { type: "bind", source: "./up", target: "/up" },
      ],
      develop: { watch: [{ path: "sub/src", action: "sync", target: "/app" }] },
    });
  });

  it("leaves remote build contexts alone", () => {
    const service = { build: "https://example.com/repo.git#main" };
    expect(rebaseServicePaths(service, "/p/sub", "/p")).toEqual(service);
  });
});
