import { readTextFile, writeTextFile } from "../../platform/node-files.js";
import { nodeLoaderHost } from "../../platform/node-loader-host.js";
import { packageVersion } from "../../platform/package-info.js";
import { readStdin } from "../../platform/stdin.js";
import type { CliContext } from "../cli-context.js";
import { terminalIo } from "../terminal-io.js";

/** Makes a reader that goes away (`berth config | head`) end the output, not the program with a stack trace. */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

/** The CliContext of this process: its environment, directory, stdio, files and the lazily loaded compose tools. */
export function nodeCliContext(): CliContext {
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
    projectLoader: async () => (await import("../../app/compose-loader.js")).loadProject,
    issueTools: async () => {
      const tools = await import("../../app/compose-issues.js");
      return { issuesOf: tools.composeIssuesOf, render: tools.renderIssues };
    },
    version: "",
  };
  // Read on first use: most commands (`config`, `up`) never print the version, so package.json stays unread.
  let version: string | undefined;
  Object.defineProperty(context, "version", {
    get: () => {
      version ??= packageVersion();
      return version;
    },
    enumerable: true,
  });
  // Copied as property descriptors, not spread: a spread would read the getters (standard input) now.
  return Object.defineProperties(context, Object.getOwnPropertyDescriptors(terminalIo()));
}
