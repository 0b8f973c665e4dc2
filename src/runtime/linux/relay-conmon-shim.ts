import { readFile } from "node:fs/promises";
import { RuntimeCommandError } from "../errors.js";
import type { Shim, ShimCreated, ShimCreateRequest } from "../ports.js";
import { conmonArgv, parseSyncMessage } from "./conmon-shim.js";
import type { RelayRunner } from "./relay-runner.js";

// conmon started through the relay shell (relay-runner.ts) instead of a fork of the engine's Node
// process, which costs 10-20 ms of blocked event loop per container under load. Its sync pipe is a
// real pipe that the shell reads: conmon double-forks, so its first process exits at once and the
// daemon writes `{"data": pid}` there once `runc create` is done; the shell passes that line on. No
// start pipe: conmon then runs the runtime at once. The shell runs it straight (no `sh -c`, `setsid`
// or `env` in between, a few ms of CPU each): the relay's environment is already clean, a background
// job of a non-interactive shell ignores SIGINT (a Ctrl-C to a foreground engine never reaches it), and
// conmon's daemon half calls setsid() itself.

/** How to run conmon through the relay and which OCI runtime it drives. */
export interface RelayConmonOptions {
  runner: RelayRunner;
  runtime: { path: string; args: readonly string[] };
  binary?: string;
  /** PATH given to conmon; it runs the runtime and the runtime runs hooks. */
  path?: string;
  /** Longest wait for conmon's answer (default 60 s). */
  timeoutMs?: number;
}

async function readText(path: string): Promise<string> {
  return readFile(path, "utf8").catch(() => "");
}

/** The `Shim` that runs conmon through the relay shell, which reads its sync pipe. */
export function relayConmonShim(options: RelayConmonOptions): Shim {
  return {
    async create(request: ShimCreateRequest): Promise<ShimCreated> {
      const argv = conmonArgv(options, request);
      const outputFile = `${request.bundle}/conmon.out`;
      const env = [
        `PATH=${options.path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}`,
        "_OCI_SYNCPIPE=3",
      ];
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      // conmon writes files into its working directory (an `oom` file when the container is OOM-killed):
      // the bundle, as for a conmon of podman, never the engine's directory.
      const text = await options.runner.firstLine(argv, { env, outputFile, cwd: request.bundle, signal });
      const answer = parseSyncMessage(text);
      if (!answer || answer.pid <= 0) {
        const output = await readText(outputFile);
        throw new RuntimeCommandError(
          argv,
          answer?.pid ?? -1,
          `${answer?.message ?? "conmon gave no answer"}\n${output}`,
        );
      }
      return { pid: answer.pid };
    },
  };
}
