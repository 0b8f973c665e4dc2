import { existsSync, readFileSync } from "node:fs";
import type { CliContext } from "../../../src/cli/cli-context.js";
import { runCli } from "../../../src/cli/run-cli.js";
import type { Clock } from "../../../src/shared/ports.js";
import { type ServerFixture, startFixture } from "../engine-http/server-fixture.js";

// The CLI loads its engine client on first use (src/cli/engine-connection.ts); the tests load it with
// the harness, so that the first command of a test does not spend the time of compiling it. (Tests that
// print ages set their fixed clock hours ahead, so that a slow machine cannot change the text.)
await import("../../../src/app/containers/engine-port.js");
await import("../../../src/cli/engine-autostart.js");

/** What one in-process CLI run gave. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Options of one run: stdin bytes and whether the terminals are TTYs. */
export interface RunOptions {
  stdin?: Buffer | string;
  stdinIsTTY?: boolean;
  stdoutIsTTY?: boolean;
  answer?: string;
  env?: Record<string, string>;
  cwd?: string;
}

/** A fixed clock: now is a given instant, sleeps return at once. */
export function fixedClock(nowMs: number): Clock {
  return { now: () => nowMs, sleep: async () => {} };
}

/** The CLI against a real HTTP server with a FakeBackend on a unix socket in a temp dir. */
export interface CliHarness {
  fixture: ServerFixture;
  berth(args: readonly string[], options?: RunOptions): Promise<CliRun>;
  close(): Promise<void>;
}

/** Starts a fixture server and returns a runner of `berth …` against it. */
export async function startCliHarness(clock: Clock = fixedClock(Date.now())): Promise<CliHarness> {
  const fixture = await startFixture();
  const berth = async (args: readonly string[], options: RunOptions = {}): Promise<CliRun> => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const stdin = options.stdin === undefined ? Buffer.alloc(0) : Buffer.from(options.stdin);
    const context: CliContext = {
      env: { BERTH_HOST: `unix://${fixture.socketPath}`, ...options.env },
      cwd: options.cwd ?? fixture.dir,
      stdout: (text) => out.push(Buffer.from(text)),
      stderr: (text) => err.push(Buffer.from(text)),
      stdoutIsTTY: options.stdoutIsTTY ?? false,
      stderrIsTTY: false,
      readStdin: async () => stdin.toString("utf8"),
      readTextFile: (path) => (existsSync(path) ? readFileSync(path, "utf8") : undefined),
      writeTextFile: () => {},
      loaderHost: { readFile: () => undefined, isDirectory: () => false },
      projectLoader: async () => {
        throw new Error("no compose in these tests");
      },
      issueTools: async () => ({ issuesOf: () => undefined, render: () => "" }),
      version: "0.0.0-test",
      stdinIsTTY: options.stdinIsTTY ?? false,
      stdinBytes: async function* () {
        if (stdin.length > 0) yield stdin;
      },
      writeStdout: (data) => void out.push(Buffer.from(data)),
      writeStderr: (data) => void err.push(Buffer.from(data)),
      prompt: async (question) => {
        err.push(Buffer.from(question));
        return options.answer ?? "";
      },
      clock,
      engineAutoStart: false,
    };
    const status = await runCli(args, context);
    const stdoutBytes = Buffer.concat(out);
    return {
      status,
      stdout: stdoutBytes.toString("utf8"),
      stderr: Buffer.concat(err).toString("utf8"),
      stdoutBytes,
    };
  };
  return { fixture, berth, close: () => fixture.close() };
}
