import type { DetachedSpawner } from "../../shared/spawn-ports.js";
import { RuntimeCommandError } from "../errors.js";
import type { Shim, ShimCreated, ShimCreateRequest } from "../ports.js";

/** How to run conmon and which OCI runtime it drives. */
export interface ConmonOptions {
  spawner: DetachedSpawner;
  runtime: { path: string; args: readonly string[] };
  /** Defaults to `conmon` (resolved through PATH below). */
  binary?: string;
  /** PATH given to conmon; it runs the runtime and the runtime runs hooks. */
  path?: string;
  /** Reads conmon's PID file (`-P`); written before conmon answers on the sync pipe. */
  readPidFile: (path: string) => Promise<number | undefined>;
  /** Reads conmon's own output file for an error message. */
  readOutput: (path: string) => Promise<string>;
}

/** The conmon command line for one container (see notes/linux-runtime.md, "conmon protocol"). */
export function conmonArgv(
  options: Pick<ConmonOptions, "binary" | "runtime">,
  r: ShimCreateRequest,
): string[] {
  return [
    options.binary ?? "conmon",
    "--api-version",
    "1",
    "-c",
    r.id,
    "-u",
    r.id,
    "-n",
    r.name,
    "-r",
    options.runtime.path,
    ...options.runtime.args.flatMap((a) => ["--runtime-arg", a]),
    "-b",
    r.bundle,
    "-p",
    r.pidFile,
    "-P",
    r.shimPidFile,
    "-l",
    `k8s-file:${r.logPath}`,
    "--log-size-max",
    String(r.logSizeMax),
    "--exit-dir",
    r.exitDir,
    "--socket-dir-path",
    r.socketDir,
  ];
}

/** Parses conmon's sync-pipe answer `{"data": pid}` (negative data with `message` on failure). */
export function parseSyncMessage(text: string): { pid: number; message?: string } | undefined {
  const match = /\{[^{}]*\}/.exec(text);
  if (!match) return undefined;
  try {
    const value: unknown = JSON.parse(match[0]);
    if (typeof value !== "object" || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (typeof v.data !== "number") return undefined;
    return typeof v.message === "string" ? { pid: v.data, message: v.message } : { pid: v.data };
  } catch {
    return undefined;
  }
}

/** The conmon adapter of `Shim`: spawn detached, release the start pipe, read the PID from the sync pipe. */
export function conmonShim(options: ConmonOptions): Shim {
  return {
    async create(request: ShimCreateRequest): Promise<ShimCreated> {
      const argv = conmonArgv(options, request);
      const outputFile = `${request.bundle}/conmon.out`;
      const child = await options.spawner.spawn({
        argv,
        cwd: request.bundle,
        env: {
          PATH: options.path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          _OCI_SYNCPIPE: "3",
          _OCI_STARTPIPE: "4",
        },
        outputFile,
      });
      try {
        await child.writeFd4("0");
        const text = await child.readFd3((t) => parseSyncMessage(t) !== undefined, request.signal);
        const answer = parseSyncMessage(text);
        if (!answer || answer.pid <= 0) {
          const output = await options.readOutput(outputFile);
          throw new RuntimeCommandError(
            argv,
            answer?.pid ?? -1,
            `${answer?.message ?? "no answer"}\n${output}`,
          );
        }
        const shimPid = (await options.readPidFile(request.shimPidFile)) ?? child.pid;
        return { pid: answer.pid, shimPid };
      } finally {
        child.release();
      }
    },
  };
}
