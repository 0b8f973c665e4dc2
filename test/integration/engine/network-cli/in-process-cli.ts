import type { CliContext } from "../../../../src/cli/cli-context.js";
import { runCli } from "../../../../src/cli/run-cli.js";
import { nodeClock } from "../../../../src/platform/node-clock.js";

/** What one in-process `berth …` run gave. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** A runner of berth's CLI in this process against the engine on `socketPath` (never starts one). */
export function inProcessBerth(socketPath: string): (args: readonly string[]) => Promise<CliRun> {
  return async (args) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const context: CliContext = {
      env: { BERTH_HOST: `unix://${socketPath}` },
      cwd: "/",
      stdout: (text) => void out.push(Buffer.from(text)),
      stderr: (text) => void err.push(Buffer.from(text)),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      readStdin: async () => "",
      readTextFile: () => undefined,
      writeTextFile: () => {},
      loaderHost: { readFile: () => undefined, isDirectory: () => false },
      projectLoader: async () => {
        throw new Error("no compose in these tests");
      },
      issueTools: async () => ({ issuesOf: () => undefined, render: () => "" }),
      version: "0.0.0-test",
      stdinIsTTY: false,
      stdinBytes: async function* () {},
      writeStdout: (data) => void out.push(Buffer.from(data)),
      writeStderr: (data) => void err.push(Buffer.from(data)),
      clock: nodeClock(),
      engineAutoStart: false,
    };
    const status = await runCli(args, context);
    return {
      status,
      stdout: Buffer.concat(out).toString("utf8"),
      stderr: Buffer.concat(err).toString("utf8"),
    };
  };
}
