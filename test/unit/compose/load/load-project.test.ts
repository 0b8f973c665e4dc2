// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose files in these tests contain ${VAR} on purpose
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ComposeError } from "../../../../src/compose/errors.js";
import type { LoadOptions } from "../../../../src/compose/load/load-options.js";
import { loadProject } from "../../../../src/compose/load/load-project.js";
import { memoryHost } from "../../../support/memory-host.js";

function load(files: Record<string, string>, options: Partial<LoadOptions> = {}) {
  return loadProject({ files: [], cwd: "/proj", environment: {}, ...options }, memoryHost(files));
}

describe("loadProject", () => {
  it("interpolates from the shell over --env-file over .env", () => {
    const files = {
      "/proj/compose.yaml":
        "services:\n  web:\n    image: ${IMG}:${TAG}\n    environment:\n      MODE: ${MODE}\n",
      "/proj/.env": "IMG=from-dotenv\nTAG=dotenv\nMODE=dotenv\n",
      "/proj/ci.env": "TAG=ci\nMODE=ci\n",
    };
    expect(load(files).project.services.web?.image).toBe("from-dotenv:dotenv");
    const withFile = load(files, { envFiles: ["ci.env"], environment: { MODE: "shell" } });
    expect(withFile.project.services.web?.image).toBe(":ci");
    expect((withFile.project.services.web?.environment as Record<string, string> | undefined)?.MODE).toBe(
      "shell",
    );
  });

  it("returns the interpolation environment: the shell over --env-file, or over the project directory's .env", () => {
    const files = {
      "/proj/compose.yaml": "services:\n  web:\n    image: x\n",
      "/proj/.env": "DOT=1\nSHARED=dotenv\n",
      "/proj/ci.env": "CI=1\n",
      "/other/.env": "OTHER=1\n",
    };
    expect(load(files, { environment: { SHARED: "shell" } }).environment).toEqual({
      DOT: "1",
      SHARED: "shell",
    });
    expect(load(files, { envFiles: ["ci.env"] }).environment).toEqual({ CI: "1" });
    expect(load(files, { projectDirectory: "../other", files: ["compose.yaml"] }).environment).toEqual({
      OTHER: "1",
    });
  });

  it("folds env_file and label_file unless asked not to; unfolded, the files are not read", () => {
    const files = {
      "/proj/compose.yaml":
        "services:\n  web:\n    image: x\n    environment: {A: '1'}\n    env_file: a.env\n    labels: {L: '1'}\n    label_file: l.labels\n",
      "/proj/a.env": "FROM_FILE=yes\n",
      "/proj/l.labels": "FROM_LABELS=yes\n",
    };
    const folded = load(files).project.services.web;
    expect(folded?.environment).toEqual({ A: "1", FROM_FILE: "yes" });
    expect(folded?.labels).toEqual({ L: "1", FROM_LABELS: "yes" });
    const { "/proj/a.env": _env, "/proj/l.labels": _labels, ...withoutFiles } = files;
    const kept = load(withoutFiles, { resolveEnvFiles: false, resolveLabelFiles: false }).project.services
      .web;
    expect(kept?.environment).toEqual({ A: "1" });
    expect(kept?.env_file).toEqual([{ path: "/proj/a.env", required: true }]);
    expect(kept?.labels).toEqual({ L: "1" });
    expect(kept?.label_file).toEqual(["/proj/l.labels"]);
    expect(() => load(withoutFiles, { resolveEnvFiles: false })).toThrow(/l\.labels/);
  });

  it("names the project from -p, COMPOSE_PROJECT_NAME, name: or the directory", () => {
    const files = { "/proj/My App/compose.yaml": "services:\n  a:\n    image: x\n" };
    expect(load(files, { cwd: "/proj/My App" }).project.name).toBe("myapp");
    expect(
      load(files, { cwd: "/proj/My App", environment: { COMPOSE_PROJECT_NAME: "env" } }).project.name,
    ).toBe("env");
    expect(load(files, { cwd: "/proj/My App", projectName: "flag" }).project.name).toBe("flag");
    expect(() => load(files, { cwd: "/proj/My App", projectName: "Bad Name" })).toThrow(
      /invalid project name "Bad Name"/,
    );
  });

  it("filters services by profile; named services and their dependencies are enabled", () => {
    const files = {
      "/proj/compose.yaml": [
        "services:",
        "  web: {image: web}",
        "  debug: {image: dbg, profiles: [debug], depends_on: [tool]}",
        "  tool: {image: tool, profiles: [tools]}",
      ].join("\n"),
    };
    expect(Object.keys(load(files).project.services)).toEqual(["web"]);
    expect(load(files).allProfiles).toEqual(["debug", "tools"]);
    expect(Object.keys(load(files, { profiles: ["*"] }).project.services).sort()).toEqual([
      "debug",
      "tool",
      "web",
    ]);
    expect(Object.keys(load(files, { services: ["debug"] }).project.services).sort()).toEqual([
      "debug",
      "tool",
      "web",
    ]);
    expect(() => load(files, { profiles: ["debug"] })).toThrow(
      /depends on service "tool", which is disabled/,
    );
    expect(
      Object.keys(load(files, { environment: { COMPOSE_PROFILES: "debug,tools" } }).project.services),
    ).toHaveLength(3);
  });

  it("warns about the obsolete version attribute", () => {
    const result = load({ "/proj/compose.yaml": "version: '3.8'\nservices:\n  a: {image: x}\n" });
    expect(result.warnings).toEqual([expect.stringContaining("`version` is obsolete")]);
    expect(result.project).not.toHaveProperty("version");
  });

  it("reports an include cycle and a refused remote include", () => {
    expect(() => load({ "/proj/compose.yaml": "include: [compose.yaml]\nservices: {}\n" })).toThrow(
      /include cycle detected/,
    );
    expect(() => load({ "/proj/compose.yaml": "include: ['git@github.com:x/y.git']\n" })).toThrow(
      /remote include/,
    );
  });

  it("reads stdin for -f -, relative to the working directory", () => {
    const result = load({}, { files: ["-"], stdin: "name: piped\nservices:\n  a:\n    build: .\n" });
    expect(result.project.name).toBe("piped");
    expect((result.project.services.a?.build as { context: string } | undefined)?.context).toBe("/proj");
  });

  it("never throws anything but ComposeError on random trees", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom("${A}", "$$", "${B:-x}", "web", "80:80", "./a:/b", null, 1, true),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            "image",
            "ports",
            "services",
            "web",
            "extends",
            "depends_on",
            "x-a",
            "include",
            "networks",
          ),
          tie("node"),
          { maxKeys: 4 },
        ),
      ),
    })).node;
    fc.assert(
      fc.property(value, (tree) => {
        try {
          load({ "/proj/compose.yaml": stringify(tree) });
        } catch (error) {
          if (!(error instanceof ComposeError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});
