import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { berth, ensureBuilt, examplesDir } from "./berth-cli.js";

// The built CLI as a user runs it: version, help, usage errors, stdin, -o, and compose errors.

const scratch = mkdtempSync(join(tmpdir(), "berth-e2e-cli-"));

function project(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("berth version (no loader needed)", () => {
  it("prints the version like docker compose version", () => {
    const result = berth(["version"], { cwd: scratch });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^berth version v\d+\.\d+\.\d+\S*\n$/);
  });

  it("prints the bare number with --short and JSON with --format json", () => {
    const short = berth(["version", "--short"], { cwd: scratch }).stdout.trim();
    expect(JSON.parse(berth(["version", "--format", "json"], { cwd: scratch }).stdout)).toEqual({
      version: `v${short}`,
    });
  });
});

describe("command line (no loader needed)", () => {
  it("shows help for the program and for config", () => {
    const help = berth(["--help"], { cwd: scratch });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("config");
    expect(help.stdout).toContain("--project-name");
    expect(berth(["config", "--help"], { cwd: scratch }).stdout).toContain("--no-interpolate");
  });

  it("rejects an unknown option, naming it, with docker compose's syntax status 16", () => {
    const result = berth(["config", "--frobnicate"], { cwd: scratch });
    expect(result.status).toBe(16);
    expect(result.stderr).toContain("--frobnicate");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects an unknown command, naming it", () => {
    const result = berth(["frobnicate"], { cwd: scratch });
    expect(result.status).toBe(16);
    expect(result.stderr).toContain("frobnicate");
  });

  it("rejects a --format it does not know", () => {
    const result = berth(["config", "--format", "toml"], { cwd: scratch });
    expect(result.status).toBe(16);
    expect(result.stderr).toContain("toml");
  });
});

describe("loading (needs the compose loader)", () => {
  it("reads the compose file from stdin with -f -", () => {
    const dir = project("stdin", {});
    const input = "services:\n  one:\n    image: busybox\n  two:\n    image: busybox\n";
    const result = berth(["-f", "-", "config", "--services"], { cwd: dir, input });
    expect(result).toMatchObject({ status: 0, stdout: "one\ntwo\n" });
  });

  it("writes the model to the file named by -o and nothing to stdout", () => {
    const out = join(scratch, "out.yaml");
    const result = berth(["config", "-o", out], { cwd: join(examplesDir, "profiles") });
    expect(result).toMatchObject({ status: 0, stdout: "" });
    expect(readFileSync(out, "utf8")).toMatch(/^name: tasks\nservices:\n {2}app:\n/);
  });

  it("prints nothing with -q when the project is valid", () => {
    const result = berth(["config", "-q"], { cwd: join(examplesDir, "web-api-db") });
    expect(result).toMatchObject({ status: 0, stdout: "" });
  });

  it("fails without a compose file, saying so", () => {
    const result = berth(["config"], { cwd: project("empty", {}) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no configuration file provided/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("names file:line of an invalid key, without a stack trace", () => {
    const dir = project("invalid", {
      "compose.yaml": "services:\n  web:\n    image: nginx\n    bogus_key: 1\n",
    });
    const result = berth(["config"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("compose.yaml:4");
    expect(result.stderr).toContain("bogus_key");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("adds the stack trace with --debug", () => {
    const dir = project("invalid-debug", { "compose.yaml": "services:\n  web:\n    bogus_key: 1\n" });
    const result = berth(["--debug", "config"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it("names an unknown service", () => {
    const result = berth(["config", "nope"], { cwd: join(examplesDir, "profiles") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no such service: nope");
  });
});
