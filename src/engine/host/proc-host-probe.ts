import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { HostProbe, ProcessRow } from "./host-probe.js";

async function text(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

async function bootTimeMs(): Promise<number | undefined> {
  const stat = await text("/proc/stat");
  const seconds = Number(/^btime (\d+)/m.exec(stat ?? "")?.[1]);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

async function row(pid: number, bootMs: number | undefined): Promise<ProcessRow | undefined> {
  const stat = await text(`/proc/${pid}/stat`);
  const status = await text(`/proc/${pid}/status`);
  const cmdline = await text(`/proc/${pid}/cmdline`);
  if (stat === undefined || status === undefined) return undefined;
  const close = stat.lastIndexOf(")");
  const comm = stat.slice(stat.indexOf("(") + 1, close);
  const fields = stat.slice(close + 2).split(" ");
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  const cmd = (cmdline ?? "")
    .split("\0")
    .filter((part) => part !== "")
    .join(" ");
  return {
    uid,
    pid,
    ppid: Number(fields[1] ?? 0),
    ...(bootMs === undefined ? {} : { startedAtMs: bootMs + Number(fields[19] ?? 0) * 10 }),
    cpuTicks: Number(fields[11] ?? 0) + Number(fields[12] ?? 0),
    tty: "?",
    cmd: cmd === "" ? `[${comm}]` : cmd,
  };
}

/** Reads processes from the cgroup v1 `pids` (or unified) hierarchy and /proc; OOM kills from memory.oom_control. */
export function procHostProbe(cgroupMount = "/sys/fs/cgroup"): HostProbe {
  return {
    async processes(cgroupParent, id) {
      const candidates = [
        join(cgroupMount, "pids", cgroupParent, id, "cgroup.procs"),
        join(cgroupMount, "memory", cgroupParent, id, "cgroup.procs"),
        join(cgroupMount, "unified", cgroupParent, id, "cgroup.procs"),
        join(cgroupMount, cgroupParent, id, "cgroup.procs"),
      ];
      let procs: string | undefined;
      for (const path of candidates) {
        procs = await text(path);
        if (procs !== undefined) break;
      }
      const pids = (procs ?? "")
        .split("\n")
        .map((line) => Number.parseInt(line, 10))
        .filter((pid) => Number.isInteger(pid) && pid > 0)
        .sort((a, b) => a - b);
      const rows: ProcessRow[] = [];
      const bootMs = await bootTimeMs();
      for (const pid of pids) {
        const found = await row(pid, bootMs);
        if (found) rows.push(found);
      }
      return rows;
    },
    async oomKilled(cgroupParent, id) {
      const control = await text(join(cgroupMount, "memory", cgroupParent, id, "memory.oom_control"));
      const kills = Number(/^oom_kill (\d+)/m.exec(control ?? "")?.[1] ?? 0);
      if (kills > 0) return true;
      const events = await text(join(cgroupMount, cgroupParent, id, "memory.events"));
      return Number(/^oom_kill (\d+)/m.exec(events ?? "")?.[1] ?? 0) > 0;
    },
  };
}
