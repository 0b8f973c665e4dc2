import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { StreamingRunner, StreamRunOptions } from "../shared/spawn-ports.js";

function signalNumber(name: NodeJS.Signals): number {
  return constants.signals[name] ?? 0;
}

/** Runs commands with stdin closed and stdout/stderr delivered chunk by chunk as they arrive. */
export function nodeStreamingRunner(): StreamingRunner {
  return {
    stream(argv: readonly string[], options: StreamRunOptions = {}): Promise<number> {
      const [file, ...args] = argv;
      if (file === undefined) return Promise.reject(new Error("nodeStreamingRunner: empty argv"));
      return new Promise((resolve, reject) => {
        const child = spawn(file, args, {
          stdio: ["ignore", "pipe", "pipe"],
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        child.stdout.setEncoding("utf8");
        child.stderr.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => options.onStdout?.(chunk));
        child.stderr.on("data", (chunk: string) => options.onStderr?.(chunk));
        child.once("error", reject);
        child.once("close", (code, signal) => {
          resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
        });
      });
    },
  };
}
