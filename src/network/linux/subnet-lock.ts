import { link, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { BerthError } from "../../shared/errors.js";
import type { Clock } from "../../shared/ports.js";

/** Where engines of every instance on this host serialise subnet picking and bridge creation. */
export const DEFAULT_SUBNET_LOCK = "/run/berth-subnets.lock";

/** Options of `withSubnetLock`. */
export interface SubnetLockOptions {
  path?: string;
  clock: Clock;
  /** Give up with CONFLICT after this long (default 30 s). */
  timeoutMs?: number;
  /** How often to look again while another process holds the lock (default 10 ms). */
  pollMs?: number;
}

/** An empty lock file older than this is a holder that died between create and write. */
const EMPTY_STALE_MS = 10_000;

const fallbackClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, signal === undefined ? undefined : { signal });
  },
};

/** Field 22 of /proc/PID/stat (start time in clock ticks); undefined when the process is gone or a zombie. */
async function startTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] === "Z" || fields[0] === "X" ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** The holder named by "PID [STARTTIME]" still runs (a reused PID with another start time does not count). */
async function alive(pid: number, started: string | undefined): Promise<boolean> {
  const now = await startTime(pid);
  return now !== undefined && (started === undefined || started === now);
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "wx", 0o644);
    try {
      await handle.writeFile(`${process.pid} ${(await startTime(process.pid)) ?? ""}`.trimEnd() + "\n");
    } finally {
      await handle.close();
    }
    return true;
  } catch (error: unknown) {
    if (errno(error) === "EEXIST") return false;
    throw new BerthError("RUNTIME_COMMAND", `cannot create the subnet lock ${path}`, { cause: error });
  }
}

/** Content of the lock when it is stale (holder dead, or empty for too long); undefined when live or gone. */
async function staleContent(path: string, clock: Clock): Promise<string | undefined> {
  try {
    const text = await readFile(path, "utf8");
    const [pidText = "", started] = text.trim().split(/\s+/);
    const pid = Number.parseInt(pidText, 10);
    if (Number.isInteger(pid) && pid > 0) return (await alive(pid, started)) ? undefined : text;
    const info = await stat(path);
    return clock.now() - info.mtimeMs > EMPTY_STALE_MS ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Moves a stale lock aside; puts it back when another process replaced it with a live one meanwhile. */
async function takeOver(path: string, stale: string): Promise<void> {
  const aside = `${path}.stale.${process.pid}`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, "utf8").catch(() => stale);
  if (moved !== stale) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Runs `fn` while holding the host-wide subnet lock (an O_EXCL file holding "PID STARTTIME"). */
export async function withSubnetLock<T>(fn: () => Promise<T>, options?: SubnetLockOptions): Promise<T> {
  const path = options?.path ?? DEFAULT_SUBNET_LOCK;
  const clock = options?.clock ?? fallbackClock;
  const deadline = clock.now() + (options?.timeoutMs ?? 30_000);
  while (!(await tryCreate(path))) {
    const stale = await staleContent(path, clock);
    if (stale !== undefined) {
      await takeOver(path, stale);
      continue;
    }
    if (clock.now() > deadline) {
      throw new BerthError("CONFLICT", `timed out waiting for the subnet lock ${path}`, {
        details: { path },
      });
    }
    await clock.sleep(options?.pollMs ?? 10);
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
