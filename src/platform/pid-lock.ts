import { open, readFile, unlink } from "node:fs/promises";
import { BerthError } from "../shared/errors.js";

/** A held lock: the file names this process; `release` removes it (only while it still names us). */
export interface PidLock {
  path: string;
  pid: number;
  release(): Promise<void>;
}

/** What a lock file says: the holder's PID and its start time (so a reused PID is not mistaken for it). */
export interface LockOwner {
  pid: number;
  startTime: string;
}

/** The start time of a process (field 22 of /proc/PID/stat), or undefined when it is gone or a zombie. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

/** Reads a lock file; undefined when absent or unreadable. */
export async function readLockOwner(path: string): Promise<LockOwner | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  const [pidText = "", startTime = ""] = text.trim().split(/\s+/);
  const pid = Number.parseInt(pidText, 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, startTime } : undefined;
}

/** The live holder of a lock file: its PID runs and started when the file says (else the file is stale). */
export async function liveLockOwner(path: string): Promise<LockOwner | undefined> {
  const owner = await readLockOwner(path);
  if (!owner) return undefined;
  const started = await processStartTime(owner.pid);
  return started !== undefined && started === owner.startTime ? owner : undefined;
}

/**
 * Takes the lock file (created with O_EXCL) for this process. A file whose holder is alive makes it
 * fail with CONFLICT naming the PID; a stale one (holder dead, or the PID now another process) is
 * taken over.
 */
export async function acquirePidLock(path: string, what: string): Promise<PidLock> {
  const pid = process.pid;
  const startTime = (await processStartTime(pid)) ?? "0";
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, "wx", 0o644);
      try {
        await handle.writeFile(`${pid} ${startTime}\n`);
      } finally {
        await handle.close();
      }
      return {
        path,
        pid,
        release: async () => {
          const owner = await readLockOwner(path);
          if (owner?.pid === pid && owner.startTime === startTime) await unlink(path).catch(() => undefined);
        },
      };
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await liveLockOwner(path);
    if (owner) {
      throw new BerthError(
        "CONFLICT",
        `${what} is already in use by a running berth engine (pid ${owner.pid}; lock ${path})`,
        {
          details: { pid: owner.pid, lockFile: path },
        },
      );
    }
    await unlink(path).catch(() => undefined);
  }
  throw new BerthError("CONFLICT", `could not take the lock ${path}`);
}
