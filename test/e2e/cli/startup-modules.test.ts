import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDist, ensureBundled, repoRoot } from "./berth-cli.js";

// Which Node built-ins a berth process loads, read from `process.moduleLoadList` by a preload script when
// the process exits: `berth config` must load the compose loader, its renderers and commander, not the
// engine client (node:http), child processes, sockets, readline or compression. Checked for the plain
// bundle and for the startup snapshot, run the way bin/berth runs them (stdout and stderr to files, as a
// pipe or a terminal would load node:net for the stream itself).

const repo = repoRoot;
const { bundle, blob, stamp } = cliDist;
const example = join(repo, "examples", "web-api-db");
const scratch = mkdtempSync(join(tmpdir(), "berth-e2e-modules-"));
const preload = join(scratch, "module-list.cjs");

/** What `berth config` never needs: the engine client, processes, sockets, prompts, compression, workers, hashes. */
const notForConfig = [
  "crypto",
  "http",
  "https",
  "http2",
  "net",
  "tls",
  "dgram",
  "dns",
  "child_process",
  "readline",
  "readline/promises",
  "zlib",
  "worker_threads",
  "timers/promises",
];

const PRELOAD = `const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  const names = process.moduleLoadList
    .filter((entry) => entry.startsWith("NativeModule "))
    .map((entry) => entry.slice("NativeModule ".length));
  writeFileSync(process.env.BERTH_TEST_MODULE_LIST, names.join("\\n") + "\\n");
});
`;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  /** The built-in modules loaded by the end of the process. */
  modules: Set<string>;
}

let runs = 0;

/** Runs node with the preload and `nodeArgs`, stdin empty and stdout/stderr to files. */
function run(nodeArgs: readonly string[], options: { cwd: string }): Run {
  const id = runs++;
  const files = {
    out: join(scratch, `${id}.out`),
    err: join(scratch, `${id}.err`),
    list: join(scratch, `${id}.list`),
  };
  const out = openSync(files.out, "w");
  const err = openSync(files.err, "w");
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("COMPOSE_") && key !== "NODE_OPTIONS") env[key] = value;
  }
  try {
    const result = spawnSync(process.execPath, ["--require", preload, ...nodeArgs], {
      cwd: options.cwd,
      env: { ...env, NO_COLOR: "1", BERTH_TEST_MODULE_LIST: files.list },
      stdio: ["ignore", out, err],
    });
    const modules = existsSync(files.list) ? readFileSync(files.list, "utf8").split("\n") : [];
    return {
      status: result.status ?? -1,
      stdout: readFileSync(files.out, "utf8"),
      stderr: readFileSync(files.err, "utf8"),
      modules: new Set(modules.filter((name) => name !== "")),
    };
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

/** The ways bin/berth starts the CLI: the plain bundle, and the snapshot this node built. */
const launches: Record<string, readonly string[]> = {
  "the plain bundle": [bundle],
  "the startup snapshot": ["--snapshot-blob", blob, "--", bundle],
};

function loadedOf(run: Run, names: readonly string[]): string[] {
  return names.filter((name) => run.modules.has(name));
}

beforeAll(() => {
  writeFileSync(preload, PRELOAD);
  ensureBundled();
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the startup snapshot", () => {
  it("was built by this node, so the snapshot runs below are the ones bin/berth makes", () => {
    const [, version, node] = readFileSync(stamp, "utf8").split("\n");
    expect(version).toBe(process.version);
    expect(node).toBe(realpathSync(process.execPath));
  });
});

for (const [name, launch] of Object.entries(launches)) {
  describe(`built-in modules loaded from ${name}`, () => {
    it("berth config -q loads none of the engine client's, processes', sockets' or prompts'", () => {
      const result = run([...launch, "config", "-q"], { cwd: example });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.modules.has("fs")).toBe(true);
      expect(loadedOf(result, notForConfig)).toEqual([]);
    });

    it("berth config prints the project without them", () => {
      const result = run([...launch, "config", "--format", "json"], { cwd: example });
      expect(result.status).toBe(0);
      expect(Object.keys(JSON.parse(result.stdout) as object)).toContain("services");
      expect(loadedOf(result, notForConfig)).toEqual([]);
    });

    it("berth config --hash loads node:crypto when it hashes, and prints one hash per service", () => {
      const result = run([...launch, "config", "--hash", "*"], { cwd: example });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^(\S+ [0-9a-f]{64}\n)+$/);
      expect(loadedOf(result, ["crypto", "http"])).toEqual(["crypto"]);
    });

    it("berth version and berth --help load none of them either", () => {
      for (const args of [["version"], ["--help"]]) {
        const result = run([...launch, ...args], { cwd: scratch });
        expect(result.status).toBe(0);
        expect(loadedOf(result, notForConfig)).toEqual([]);
      }
    });

    it("the engine commands' help is defined eagerly and loads no client", () => {
      const container = run([...launch, "container", "ls", "--help"], { cwd: scratch });
      expect(container.status).toBe(0);
      expect(container.stdout).toMatch(/^Usage: berth container ps\|ls \[options\]/);
      expect(container.stdout).toContain("--all");
      const network = run([...launch, "network", "ls", "--help"], { cwd: scratch });
      expect(network.status).toBe(0);
      expect(network.stdout).toMatch(/^Usage: berth network ls\|list \[options\]/);
      expect(network.stdout).toContain("--filter");
      expect(loadedOf(container, notForConfig)).toEqual([]);
      expect(loadedOf(network, notForConfig)).toEqual([]);
    });

    it("a command that talks to the engine loads node:http when it runs (the check sees loads)", () => {
      const socket = join(scratch, "nothing-listens.sock");
      const result = run([...launch, "engine", "status", "--socket", socket, "--root", scratch], {
        cwd: scratch,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`nothing answers on ${socket}`);
      expect(loadedOf(result, ["http", "net"])).toEqual(["http", "net"]);
    });
  });
}
