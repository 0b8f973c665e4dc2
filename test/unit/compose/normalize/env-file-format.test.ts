// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import { composeIssuesOf as issuesOf, normalizeYaml } from "./helpers.js";

const service = (envFile: string, files: Record<string, string>, env: Record<string, string> = {}) =>
  normalizeYaml(`services:\n  test:\n    image: x\n    env_file:\n${envFile}`, { files, env }).services.test;

describe("env_file format", () => {
  it("raw: the value reaches the environment as written (docker compose's TestRawEnvFile)", () => {
    const test = service("      - path: .env.raw\n        format: raw\n", {
      "/proj/.env.raw": `TEST_VAR='{"key": "value"}'\nREF=\${PROJECT} # kept\n`,
    });
    expect(test?.environment).toEqual({ REF: "${PROJECT} # kept", TEST_VAR: `'{"key": "value"}'` });
    expect(test?.env_file).toEqual([{ path: "/proj/.env.raw", required: true, format: "raw" }]);
  });

  it("raw: a bare KEY is taken from the project environment, then the service's environment", () => {
    const test = normalizeYaml(
      `services:
  test:
    image: x
    environment: {OWN: own}
    env_file: [{path: r, format: raw}]
`,
      { files: { "/proj/r": "FROM_ENV\nOWN\nMISSING\n" }, env: { FROM_ENV: "e" } },
    ).services.test;
    expect(test?.environment).toEqual({ FROM_ENV: "e", OWN: "own" });
  });

  it(".env and no format are the compose format (quotes removed, ${} expanded)", () => {
    const files = { "/proj/a": "A='q'\nB=${V}\n" };
    const env = { V: "v" };
    expect(service("      - path: a\n        format: .env\n", files, env)?.environment).toEqual({
      A: "q",
      B: "v",
    });
    expect(service("      - path: a\n", files, env)?.environment).toEqual({ A: "q", B: "v" });
  });

  it("any other format is an error when the file is read", () => {
    expect(
      issuesOf(() => service("      - path: a\n        format: json\n", { "/proj/a": "A=1\n" })),
    ).toEqual([{ path: "services.test.env_file[0].format", message: 'unsupported env_file format "json"' }]);
    // Like compose-go, an optional file that is missing is skipped before its format is looked at.
    expect(
      service("      - path: gone\n        format: json\n        required: false\n", {})?.environment,
    ).toBeUndefined();
  });

  it("raw: a malformed line is an error naming the file", () => {
    expect(
      issuesOf(() => service("      - path: r\n        format: raw\n", { "/proj/r": "A B=1\n" })),
    ).toEqual([
      {
        path: "services.test.env_file[0]",
        message: "failed to parse env_file /proj/r: variable 'A B' contains whitespaces",
      },
    ]);
  });

  it("a later file sees the values of earlier files in ${VAR}", () => {
    const test = service("      - a\n      - b\n", {
      "/proj/a": "BASE=from-a\n",
      "/proj/b": "DERIVED=${BASE}/x\n",
    });
    expect(test?.environment).toEqual({ BASE: "from-a", DERIVED: "from-a/x" });
  });

  it("required: false skips a missing file; path resolves against the project directory", () => {
    const test = service("      - path: ./sub/../present\n      - path: missing\n        required: false\n", {
      "/proj/present": "P=1\n",
    });
    expect(test?.environment).toEqual({ P: "1" });
    expect(test?.env_file).toEqual([
      { path: "/proj/present", required: true },
      { path: "/proj/missing", required: false },
    ]);
  });
});
