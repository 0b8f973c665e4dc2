import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";

/** A detached background process: its argv and the file that gets its stdout and stderr. */
export interface DaemonSpawnRequest {
  argv: readonly string[];
  logFile: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Working directory (default `/`, so that a daemon never pins the directory it was started from). */
  cwd?: string;
}

/** Starts a process in its own session with stdio to a log file; this process may exit without it. */
export function spawnDaemon(request: DaemonSpawnRequest): number {
  const [file, ...args] = request.argv;
  if (file === undefined) throw new Error("spawnDaemon: empty argv");
  mkdirSync(dirname(request.logFile), { recursive: true, mode: 0o711 });
  const out = openSync(request.logFile, "a", 0o600);
  try {
    const child = spawn(file, args, {
      detached: true,
      cwd: request.cwd ?? "/",
      stdio: ["ignore", out, out],
      env: { ...(request.env ?? process.env) },
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${file}`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

/** Sends SIGTERM to a process by PID; false when it is gone. */
export function terminateProcess(pid: number): boolean {
  try {
    process.kill(pid, "SIGTERM");
    return true;
  } catch {
    return false;
  }
}
