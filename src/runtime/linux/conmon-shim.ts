import type { ShimCreateRequest } from "../ports.js";

/** How to run conmon and which OCI runtime it drives. */
export interface ConmonOptions {
  runtime: { path: string; args: readonly string[] };
  /** Defaults to `conmon` (resolved through PATH below). */
  binary?: string;
  /** PATH given to conmon; it runs the runtime and the runtime runs hooks. */
  path?: string;
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
