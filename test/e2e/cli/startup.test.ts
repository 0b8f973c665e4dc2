import { spawnSync } from "node:child_process";
import {
  accessSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDist, ensureBundled, repoRoot } from "./berth-cli.js";

// What users run: package.json's bin, the bin/berth launcher, which starts from the V8 startup snapshot
// (dist/cli/berth.blob) when this node built it and otherwise runs the plain bundle (dist/cli/berth.mjs).
// Both paths must behave alike, and a missing or foreign snapshot must never break berth.

const repo = repoRoot;
const { bundle, blob, stamp } = cliDist;
const scratch = mkdtempSync(join(tmpdir(), "berth-e2e-startup-"));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** package.json's bin for `berth`, as an absolute path. */
function binPath(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
  const bin = (manifest as { bin?: Record<string, string> }).bin?.berth;
  if (bin === undefined) throw new Error("package.json has no bin for berth");
  return join(repo, bin);
}

/** Runs a berth launcher with this test's node first on PATH, no NODE_OPTIONS and no COMPOSE_* variables. */
function run(
  launcher: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Run {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("COMPOSE_") && key !== "NODE_OPTIONS") env[key] = value;
  }
  env.PATH = `${dirname(process.execPath)}${delimiter}${env.PATH ?? ""}`;
  const result = spawnSync(launcher, [...args], {
    cwd: options.cwd,
    env: { ...env, NO_COLOR: "1", BERTH_TRACE_STARTUP: "1", ...options.env },
    input: "",
    encoding: "utf8",
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const fromSnapshot = "berth: starting from the snapshot\n";
const fromBundle = "berth: starting the plain bundle\n";

/** The same command from the snapshot and from the plain bundle, each checked to have taken its path. */
function both(args: readonly string[], cwd: string): { snapshot: Run; plain: Run } {
  const snapshot = run(binPath(), args, { cwd });
  const plain = run(binPath(), args, { cwd, env: { BERTH_NO_SNAPSHOT: "1" } });
  expect(snapshot.stderr.startsWith(fromSnapshot)).toBe(true);
  expect(plain.stderr.startsWith(fromBundle)).toBe(true);
  return { snapshot, plain };
}

/** A copy of the launcher, the plain bundle and package.json in a fresh tree, without a snapshot. */
function installCopy(name: string): string {
  const root = join(scratch, name);
  mkdirSync(join(root, "bin"), { recursive: true });
  mkdirSync(join(root, "dist", "cli"), { recursive: true });
  copyFileSync(binPath(), join(root, "bin", "berth"));
  copyFileSync(bundle, join(root, "dist", "cli", "berth.mjs"));
  copyFileSync(join(repo, "package.json"), join(root, "package.json"));
  return root;
}

beforeAll(ensureBundled, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the build", () => {
  it("points package.json's bin at the executable launcher", () => {
    expect(binPath()).toBe(join(repo, "bin", "berth"));
    expect(() => accessSync(binPath(), constants.X_OK)).not.toThrow();
  });

  it("leaves a snapshot stamped with the node that built it", () => {
    expect(statSync(blob).size).toBeGreaterThan(0);
    const [fingerprint, version] = readFileSync(stamp, "utf8").split("\n");
    expect(fingerprint).toMatch(/^\d+:\d+:\d+:\d+:\d+$/);
    expect(version).toBe(process.version);
  });
});

describe("berth from the snapshot and from the plain bundle", () => {
  it("prints the same version", () => {
    const { snapshot, plain } = both(["version"], scratch);
    expect(snapshot.status).toBe(0);
    expect(snapshot.stdout).toMatch(/^berth version v\d+\.\d+\.\d+\S*\n$/);
    expect(snapshot.stdout).toBe(plain.stdout);
  });

  for (const example of ["web-api-db", "dev-prod-overrides", "profiles"]) {
    it(`prints the same config for examples/${example}`, () => {
      const { snapshot, plain } = both(["config"], join(repo, "examples", example));
      expect(snapshot.status).toBe(0);
      expect(snapshot.stdout).toContain("services:");
      expect(snapshot.stdout).toBe(plain.stdout);
      expect(snapshot.stderr).toBe(plain.stderr.replace(fromBundle, fromSnapshot));
    });
  }

  it("fails alike where there is no compose file", () => {
    const { snapshot, plain } = both(["config"], scratch);
    expect(snapshot.status).not.toBe(0);
    expect(snapshot.status).toBe(plain.status);
    expect(snapshot.stderr).toContain("no configuration file provided");
    expect(snapshot.stderr).toBe(plain.stderr.replace(fromBundle, fromSnapshot));
  });

  it("fails alike on a compose error, with its location", () => {
    const dir = join(scratch, "broken");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "compose.yaml"), "services:\n  web:\n    image: nginx\n    ports: 12\n");
    const { snapshot, plain } = both(["config"], dir);
    expect(snapshot.status).not.toBe(0);
    expect(snapshot.status).toBe(plain.status);
    expect(snapshot.stderr).toContain("compose.yaml:4");
    expect(snapshot.stderr).toBe(plain.stderr.replace(fromBundle, fromSnapshot));
  });

  it("exits 16 on an unknown option, naming it", () => {
    const { snapshot, plain } = both(["config", "--frobnicate"], scratch);
    expect(snapshot.status).toBe(16);
    expect(plain.status).toBe(16);
    expect(snapshot.stderr).toContain("--frobnicate");
  });

  it("passes arguments that look like node options to berth", () => {
    const { snapshot } = both(["--help"], scratch);
    expect(snapshot.status).toBe(0);
    expect(snapshot.stdout).toContain("--project-name");
  });
});

describe("the launcher", () => {
  it("starts from the snapshot through a symlink, as npm links bins", () => {
    const link = join(scratch, "linked-berth");
    symlinkSync(binPath(), link);
    const result = run(link, ["version"], { cwd: scratch });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(fromSnapshot);
  });

  it("runs the plain bundle when there is no snapshot", () => {
    const root = installCopy("no-blob");
    const result = run(join(root, "bin", "berth"), ["version"], { cwd: scratch });
    expect(result).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^berth version v/),
      stderr: fromBundle,
    });
  });

  it("runs the plain bundle when another node built the snapshot", () => {
    const root = installCopy("foreign-blob");
    writeFileSync(join(root, "dist", "cli", "berth.blob"), "not a snapshot");
    writeFileSync(join(root, "dist", "cli", "berth.blob.node"), "1:2:3:4:5\nv0.0.0\n/elsewhere/node\n");
    const result = run(join(root, "bin", "berth"), ["version"], { cwd: scratch });
    expect(result).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^berth version v/),
      stderr: fromBundle,
    });
  });

  it("runs the plain bundle, quietly, when the snapshot has no stamp", () => {
    const root = installCopy("unstamped-blob");
    copyFileSync(blob, join(root, "dist", "cli", "berth.blob"));
    const result = run(join(root, "bin", "berth"), ["version"], { cwd: scratch });
    expect(result).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^berth version v/),
      stderr: fromBundle,
    });
  });

  it("starts a copy from its snapshot once stamped by this node", () => {
    const root = installCopy("stamped-blob");
    copyFileSync(blob, join(root, "dist", "cli", "berth.blob"));
    copyFileSync(stamp, join(root, "dist", "cli", "berth.blob.node"));
    const result = run(join(root, "bin", "berth"), ["version"], { cwd: scratch });
    expect(result).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^berth version v/),
      stderr: fromSnapshot,
    });
  });

  it("runs the plain bundle under NODE_OPTIONS, whose V8 flags node would refuse the snapshot for", () => {
    const result = run(binPath(), ["version"], {
      cwd: scratch,
      env: { NODE_OPTIONS: "--max-old-space-size=512" },
    });
    expect(result).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^berth version v/),
      stderr: fromBundle,
    });
  });
});
