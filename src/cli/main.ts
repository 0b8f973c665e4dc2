#!/usr/bin/env node
import { readTextFile, writeTextFile } from "../platform/node-files.js";
import { nodeLoaderHost } from "../platform/node-loader-host.js";
import { packageVersion } from "../platform/package-info.js";
import { readStdin } from "../platform/stdin.js";
import type { CliContext } from "./cli-context.js";
import { runCli } from "./run-cli.js";
import { terminalIo } from "./terminal-io.js";

// A reader that goes away (`berth config | head`) ends the output, not the program with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const context: CliContext = {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin: () => readStdin(),
  readTextFile,
  writeTextFile,
  loaderHost: nodeLoaderHost(),
  projectLoader: async () => (await import("../app/compose-loader.js")).loadProject,
  issueTools: async () => {
    const tools = await import("../app/compose-issues.js");
    return { issuesOf: tools.composeIssuesOf, render: tools.renderIssues };
  },
  version: packageVersion(),
  ...terminalIo(),
};

process.exitCode = await runCli(process.argv.slice(2), context);
