import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import type { Duplex } from "node:stream";
import type { DetachedChild, DetachedSpawner, DetachedSpawnRequest } from "../shared/spawn-ports.js";

function readUntil(pipe: Duplex, done: (text: string) => boolean, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const finish = (error?: Error): void => {
      pipe.off("data", onData);
      pipe.off("end", onEnd);
      pipe.off("close", onEnd);
      pipe.off("error", onError);
      signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString("utf8");
      if (done(text)) finish();
    };
    const onEnd = (): void => finish();
    const onError = (error: Error): void => finish(error);
    const onAbort = (): void => finish(new Error("aborted while reading from a detached child"));
    if (signal?.aborted) return onAbort();
    pipe.on("data", onData);
    pipe.on("end", onEnd);
    pipe.on("close", onEnd);
    pipe.on("error", onError);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Spawns detached children (own session) with pipes on fds 3 and 4; the child outlives this process. */
export function nodeDetachedSpawner(): DetachedSpawner {
  return {
    async spawn(request: DetachedSpawnRequest): Promise<DetachedChild> {
      const [file, ...args] = request.argv;
      if (file === undefined) throw new Error("nodeDetachedSpawner: empty argv");
      const out = openSync(request.outputFile, "a", 0o600);
      try {
        const child = spawn(file, args, {
          cwd: request.cwd,
          env: { ...request.env },
          detached: true,
          stdio: ["ignore", out, out, "pipe", "pipe"],
        });
        await new Promise<void>((resolve, reject) => {
          child.once("spawn", () => resolve());
          child.once("error", reject);
        });
        const fd3 = child.stdio[3] as Duplex;
        const fd4 = child.stdio[4] as Duplex;
        fd3.on("error", () => {});
        fd4.on("error", () => {});
        return {
          pid: child.pid ?? -1,
          writeFd4: (data) =>
            new Promise((resolve, reject) => fd4.write(data, (error) => (error ? reject(error) : resolve()))),
          readFd3: (done, signal) => readUntil(fd3, done, signal),
          release: () => {
            fd3.destroy();
            fd4.destroy();
            child.unref();
          },
        };
      } finally {
        closeSync(out);
      }
    },
  };
}
