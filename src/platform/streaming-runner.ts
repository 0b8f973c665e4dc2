import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Writable } from "node:stream";
import type { StreamingRunner, StreamRunOptions } from "../shared/spawn-ports.js";

function signalNumber(name: NodeJS.Signals): number {
  return constants.signals[name] ?? 0;
}

/** Waits until `pipe` drains, closes or fails; false when it can take no more. */
function drained(pipe: Writable): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (ok: boolean) => () => {
      pipe.off("drain", onDrain);
      pipe.off("close", onClose);
      pipe.off("error", onClose);
      resolve(ok);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    pipe.once("drain", onDrain);
    pipe.once("close", onClose);
    pipe.once("error", onClose);
  });
}

/**
 * Copies `input` into the child's stdin and ends it when `input` ends. Stops quietly when the child
 * closes its stdin first (EPIPE) or exits; a pending read of `input` is then abandoned.
 */
async function pumpInput(input: AsyncIterable<Uint8Array>, pipe: Writable, exited: Promise<void>) {
  pipe.on("error", () => {
    // EPIPE / ECONNRESET: the child stopped reading; its exit code tells the rest
  });
  const iterator = input[Symbol.asyncIterator]();
  const gone = exited.then(() => ({ done: true as const, value: undefined }));
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), gone]);
      if (next.done || pipe.destroyed) break;
      if (!pipe.write(next.value) && !(await Promise.race([drained(pipe), gone.then(() => false)]))) break;
    }
  } catch {
    // the source failed (client went away): end the child's input
  } finally {
    if (!pipe.destroyed) pipe.end();
    void Promise.resolve(iterator.return?.()).catch(() => {});
  }
}

/**
 * Runs commands with stdout/stderr delivered chunk by chunk as they arrive. stdin is closed, or fed
 * from `options.stdin` and ended when that ends.
 */
export function nodeStreamingRunner(): StreamingRunner {
  return {
    stream(argv: readonly string[], options: StreamRunOptions = {}): Promise<number> {
      const [file, ...args] = argv;
      if (file === undefined) return Promise.reject(new Error("nodeStreamingRunner: empty argv"));
      return new Promise((resolve, reject) => {
        const child = spawn(file, args, {
          stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        let markExited = () => {};
        const exited = new Promise<void>((done) => {
          markExited = done;
        });
        if (options.stdin !== undefined && child.stdin) void pumpInput(options.stdin, child.stdin, exited);
        child.stdout?.on("data", (chunk: Buffer) => options.onStdout?.(chunk));
        child.stderr?.on("data", (chunk: Buffer) => options.onStderr?.(chunk));
        child.once("error", (error) => {
          markExited();
          reject(error);
        });
        child.once("exit", () => markExited());
        child.once("close", (code, signal) => {
          markExited();
          resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
        });
      });
    },
  };
}
