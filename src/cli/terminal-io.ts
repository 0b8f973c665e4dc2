import { nodeClock } from "../platform/node-clock.js";
import type { CliContext } from "./cli-context.js";

function writer(stream: NodeJS.WriteStream): (data: Uint8Array) => void | Promise<void> {
  return (data) => {
    if (stream.write(data)) return;
    return new Promise((resolve) => stream.once("drain", () => resolve()));
  };
}

/**
 * The engine commands' parts of a CliContext on the real process: binary stdio, prompts, the clock.
 * Nothing here touches standard input or loads node:readline until a command asks (`stdinIsTTY` is a
 * getter: reading process.stdin creates its stream, a socket or a file stream).
 */
export function terminalIo(): Pick<
  CliContext,
  "stdinIsTTY" | "stdinBytes" | "writeStdout" | "writeStderr" | "prompt" | "clock"
> {
  return {
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    stdinBytes: () => process.stdin,
    writeStdout: writer(process.stdout),
    writeStderr: writer(process.stderr),
    prompt: async (question) => {
      const { createInterface } = await import("node:readline/promises");
      const lines = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await lines.question(question);
      } finally {
        lines.close();
      }
    },
    clock: nodeClock(),
  };
}
