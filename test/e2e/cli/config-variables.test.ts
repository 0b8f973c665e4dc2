import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { conformanceRoot } from "../../support/conformance.js";
import { berth, ensureBuilt } from "./berth-cli.js";

// The built CLI's `config --variables` and `--environment`, and label_file / env_file `format: raw`
// folded into the printed model. Docker Compose's own fixtures where they exist (TestLocalComposeConfig,
// TestRawEnvFile), and one fixture of ours.

const testdata = join(conformanceRoot, "docker-compose-e2e", "pkg", "e2e", "testdata");
const localConfig = join(testdata, "TestLocalComposeConfig");
const rawEnvFile = join(testdata, "TestRawEnvFile");
const labelEnv = join(import.meta.dirname, "fixtures", "config-label-env");

beforeAll(() => ensureBuilt(), 300_000);

describe("berth config --variables (docker compose's TestLocalComposeConfig steps)", () => {
  it("renders the model's variables as json", () => {
    const result = berth(["config", "--variables", "--format", "json"], { cwd: localConfig });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toBe(
      '{\n    "PORT": {\n        "Name": "PORT",\n        "DefaultValue": "8080",\n        "PresenceValue": "",\n        "Required": false\n    }\n}\n\n',
    );
  });

  it("renders the model's variables as yaml", () => {
    const result = berth(["config", "--variables", "--format", "yaml"], { cwd: localConfig });
    expect(result).toMatchObject({
      status: 0,
      stdout: 'PORT:\n    name: PORT\n    defaultvalue: "8080"\n    presencevalue: ""\n    required: false\n',
    });
  });

  it("renders a table by default, and warns that service selection is ignored", () => {
    const result = berth(["config", "--variables", "test"], { cwd: localConfig });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "NAME                REQUIRED            DEFAULT VALUE       ALTERNATE VALUE\nPORT                false               8080                \n",
    );
    expect(result.stderr).toContain("service filtering is not applied when --variables is set");
  });

  it("lists the compose file's variables, not those inside env or label files", () => {
    const result = berth(["config", "--variables"], { cwd: labelEnv });
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "NAME                REQUIRED            DEFAULT VALUE       ALTERNATE VALUE",
      "TAG                 false               1.36                ",
      "",
    ]);
  });
});

describe("berth config --environment", () => {
  it("prints the shell over .env with COMPOSE_PROJECT_NAME, as sorted KEY=value lines", () => {
    const result = berth(["config", "--environment"], { cwd: labelEnv, env: { TAG: "from-shell" } });
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toEqual([...lines].sort());
    expect(lines).toEqual(
      expect.arrayContaining([
        "COMPOSE_PROJECT_NAME=labelenv",
        "FROM_DOTENV=yes",
        "TAG=from-shell",
        "NO_COLOR=1",
      ]),
    );
  });
});

describe("berth config: label_file and env_file format", () => {
  interface Model {
    services: Record<string, Record<string, unknown>>;
  }
  const model = (cwd: string): Model => {
    const result = berth(["config", "--format", "json"], { cwd });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    return JSON.parse(result.stdout) as Model;
  };

  it("folds label files into labels (later file wins, labels win) and prints no label_file", () => {
    const web = model(labelEnv).services.web;
    expect(web?.labels).toEqual({
      TEAM: "platform",
      "com.example.owner": "compose-file",
      "com.example.ref": "platform-ref-",
      "com.example.tier": "frontend",
    });
    expect(web).not.toHaveProperty("label_file");
    expect(web).not.toHaveProperty("env_file");
  });

  it("takes a raw env file literally (no quote removal, no expansion, # kept)", () => {
    expect(model(labelEnv).services.web?.environment).toEqual({
      JSON: '{"key": "value"}',
      QUOTED: "'single'",
      REF: "$${TAG} # not a comment",
    });
    expect(model(rawEnvFile).services.test?.environment).toEqual({ TEST_VAR: `'{"key": "value"}'` });
  });

  it("--no-env-resolution prints env_file as written and leaves environment unfolded", () => {
    const result = berth(["config", "--format", "json", "--no-env-resolution"], { cwd: labelEnv });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const web = (JSON.parse(result.stdout) as Model).services.web;
    expect(web?.env_file).toEqual([
      { path: join(labelEnv, "literal.env"), required: true, format: "raw" },
      { path: join(labelEnv, "optional.env"), required: false },
    ]);
    expect(web).not.toHaveProperty("environment");
    expect(web).not.toHaveProperty("label_file");
  });

  it("--no-interpolate prints env_file and label_file as written, unread", () => {
    const result = berth(["config", "--no-interpolate", "-f", "missing-label.yaml"], { cwd: labelEnv });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toContain("label_file:");
    expect(result.stdout).toContain("nope.labels");
  });

  it("names the file and the service of a missing label file", () => {
    const result = berth(["-f", "missing-label.yaml", "config"], { cwd: labelEnv });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("services.api.label_file[0]: label file ");
    expect(result.stderr).toContain(`${join(labelEnv, "nope.labels")} not found`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an env_file format other than raw and .env", () => {
    const result = berth(["-f", "bad-format.yaml", "config"], { cwd: labelEnv });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('services.api.env_file[0].format: unsupported env_file format "json"');
  });
});
