import { watch } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import type { CommandRunner } from "../../shared/ports.js";
import { RuntimeCommandError } from "../errors.js";
import type { Shim, ShimCreated, ShimCreateRequest } from "../ports.js";
import { conmonArgv, parseSyncMessage } from "./conmon-shim.js";

// conmon started through the relay shell (relay-runner.ts) instead of a fork of the engine's Node
// process, which costs 10-20 ms of blocked event loop per container under load. conmon's sync pipe
// becomes a file (`3>conmon.sync`): conmon double-forks, so its first process exits at once and the
// daemon writes `{"data": pid}` there once `runc create` is done; a watch on the file sees it. No start
// pipe: conmon then runs the runtime at once. `setsid` gives conmon its own session, so a Ctrl-C to a
// foreground engine never reaches it (the relay shell shares the engine's process group).

/** How to run conmon through a command runner (the relay) and which OCI runtime it drives. */
export interface RelayConmonOptions {
  runner: CommandRunner;
  runtime: { path: string; args: readonly string[] };
  binary?: string;
  /** PATH given to conmon; it runs the runtime and the runtime runs hooks. */
  path?: string;
  readPidFile: (path: string) => Promise<number | undefined>;
  /** Longest wait for conmon's answer (default 60 s). */
  timeoutMs?: number;
}

/** The shell wrapper: `$1` = sync file, `$2` = output file, the rest is the command. */
const WRAPPER = 'sync=$1; out=$2; shift 2; exec "$@" 3>"$sync" >>"$out" 2>&1';

async function readText(path: string): Promise<string> {
  return readFile(path, "utf8").catch(() => "");
}

/** Resolves with the sync file's text once it holds a complete answer (fs.watch on the file). */
function answerOf(path: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let done = false;
    const watcher = watch(path, { persistent: false }, () => void check());
    watcher.on("error", () => undefined);
    const finish = (error?: unknown, text?: string) => {
      if (done) return;
      done = true;
      watcher.close();
      signal.removeEventListener("abort", onAbort);
      if (error === undefined) resolve(text ?? "");
      else reject(error);
    };
    const check = async () => {
      const text = await readText(path);
      if (parseSyncMessage(text) !== undefined) finish(undefined, text);
    };
    const onAbort = () => finish(signal.reason ?? new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    void check(); // written before the watch began
  });
}

/** The `Shim` that runs conmon through the relay shell, with a file for its sync pipe. */
export function relayConmonShim(options: RelayConmonOptions): Shim {
  return {
    async create(request: ShimCreateRequest): Promise<ShimCreated> {
      const argv = conmonArgv(options, request);
      const syncFile = `${request.bundle}/conmon.sync`;
      const outputFile = `${request.bundle}/conmon.out`;
      await writeFile(syncFile, ""); // exists before the watch; the shell's `3>` truncates the same file
      const env = [
        `PATH=${options.path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}`,
        "_OCI_SYNCPIPE=3",
      ];
      const command = [
        "sh",
        "-c",
        WRAPPER,
        "sh",
        syncFile,
        outputFile,
        "setsid",
        "env",
        "-i",
        ...env,
        ...argv,
      ];
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      const answered = answerOf(syncFile, signal);
      answered.catch(() => undefined);
      const started = await options.runner.run(command);
      if (started.exitCode !== 0) {
        const output = await readText(outputFile);
        throw new RuntimeCommandError(argv, started.exitCode, `${started.stderr}\n${output}`);
      }
      const answer = parseSyncMessage(await answered);
      if (!answer || answer.pid <= 0) {
        const output = await readText(outputFile);
        throw new RuntimeCommandError(
          argv,
          answer?.pid ?? -1,
          `${answer?.message ?? "no answer"}\n${output}`,
        );
      }
      const shimPid = (await options.readPidFile(request.shimPidFile)) ?? 0;
      return { pid: answer.pid, shimPid };
    },
  };
}
