// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import type { LoadOptions, LoadResult, Project } from "../../../src/app/compose-port.js";
import { type ConfigRequest, configCommand } from "../../../src/app/config/config-command.js";

// configCommand's --variables, --environment and printed model against a recording fake loader.

function fakeLoader(project: Project, environment: Record<string, string> = {}) {
  const calls: LoadOptions[] = [];
  const loadProject = (options: LoadOptions): LoadResult => {
    calls.push(options);
    return { project, configFiles: ["/p/compose.yaml"], allProfiles: [], environment, warnings: [] };
  };
  return { calls, loadProject };
}

const host = (files: Record<string, string> = {}) => ({
  readFile: (path: string) => files[path],
  isDirectory: () => false,
});

const request = (more: Partial<ConfigRequest> = {}): ConfigRequest => ({
  load: { files: [], cwd: "/p", environment: { SHELL_VAR: "shell", SHARED: "from-shell" } },
  format: "yaml",
  services: [],
  ...more,
});

const raw = {
  name: "demo",
  services: {
    web: { image: "nginx:${TAG:-latest}", profiles: ["debug"], environment: { PORT: "${PORT:?}" } },
  },
} as unknown as Project;

describe("config --variables", () => {
  it("loads the whole model as written and lists its variables", () => {
    const { calls, loadProject } = fakeLoader(raw);
    const out = configCommand(request({ variables: "table" }), { loadProject, host: host() });
    expect(calls).toEqual([
      expect.objectContaining({
        interpolate: false,
        normalize: false,
        skipValidation: true,
        profiles: ["*"],
      }),
    ]);
    expect(out.text.split("\n")).toEqual([
      "NAME                REQUIRED            DEFAULT VALUE       ALTERNATE VALUE",
      "PORT                true                                    ",
      "TAG                 false               latest              ",
      "",
    ]);
    expect(out.warnings).toEqual([]);
  });

  it("warns that named services do not narrow the list", () => {
    const { calls, loadProject } = fakeLoader(raw);
    const out = configCommand(request({ variables: "json", services: ["web"] }), {
      loadProject,
      host: host(),
    });
    expect(out.warnings).toEqual([
      "service filtering is not applied when --variables is set, variables from the full model will be rendered",
    ]);
    expect(calls[0]?.services).toBeUndefined();
    expect(JSON.parse(out.text)).toMatchObject({ TAG: { Name: "TAG", DefaultValue: "latest" } });
  });
});

describe("config --environment", () => {
  it("prints the loader's environment plus COMPOSE_PROJECT_NAME, sorted as Go sorts KEY=value strings", () => {
    const environment = { SHARED: "from-shell", DOT_ONLY: "d", A_B: "1", A: "2", SHELL_VAR: "shell" };
    const { loadProject } = fakeLoader({ name: "demo", services: {} }, environment);
    const out = configCommand(request({ environment: true }), { loadProject, host: host() });
    expect(out.text).toBe(
      "A=2\nA_B=1\nCOMPOSE_PROJECT_NAME=demo\nDOT_ONLY=d\nSHARED=from-shell\nSHELL_VAR=shell\n",
    );
  });

  it("names the project as loaded, over a COMPOSE_PROJECT_NAME of the environment", () => {
    const { loadProject } = fakeLoader({ name: "from-flag", services: {} }, { COMPOSE_PROJECT_NAME: "env" });
    const out = configCommand(request({ environment: true }), { loadProject, host: host() });
    expect(out.text).toBe("COMPOSE_PROJECT_NAME=from-flag\n");
  });
});

describe("config: the printed model", () => {
  const folded = {
    name: "demo",
    services: {
      web: {
        image: "nginx",
        environment: { A: "1" },
        env_file: [{ path: "/p/a.env", required: true }],
        labels: { L: "2" },
        label_file: ["/p/l.labels"],
      },
    },
  } as unknown as Project;

  it("leaves out env_file and label_file, whose values are already in environment and labels", () => {
    const { loadProject } = fakeLoader(folded);
    const text = configCommand(request({ format: "json" }), { loadProject, host: host() }).text;
    const web = (JSON.parse(text) as { services: { web: Record<string, unknown> } }).services.web;
    expect(web).toEqual({ image: "nginx", environment: { A: "1" }, labels: { L: "2" } });
  });

  it("keeps both, unread, with --no-interpolate, which prints the model as written", () => {
    const { calls, loadProject } = fakeLoader(folded);
    const noInterpolate = request();
    noInterpolate.load = { ...noInterpolate.load, interpolate: false };
    const text = configCommand(noInterpolate, { loadProject, host: host() }).text;
    expect(calls[0]).toMatchObject({ interpolate: false, resolveEnvFiles: false, resolveLabelFiles: false });
    expect(text).toContain("env_file:");
    expect(text).toContain("label_file:");
  });

  it("keeps env_file only with --no-env-resolution", () => {
    const { calls, loadProject } = fakeLoader(folded);
    const noEnv = request({ format: "json" });
    noEnv.load = { ...noEnv.load, resolveEnvFiles: false };
    const text = configCommand(noEnv, { loadProject, host: host() }).text;
    expect(calls[0]?.resolveLabelFiles).toBeUndefined();
    const web = (JSON.parse(text) as { services: { web: Record<string, unknown> } }).services.web;
    expect(Object.keys(web).sort()).toEqual(["env_file", "environment", "image", "labels"]);
  });
});
