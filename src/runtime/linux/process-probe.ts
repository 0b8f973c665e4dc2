import { readFile } from "node:fs/promises";

/** Looks at and signals host processes by PID, checking what they are first. */
export interface ProcessProbe {
  /** True when `pid` runs (not a zombie) and its command line contains `marker` (when given). */
  alive(pid: number, marker?: string): Promise<boolean>;
  /** Sends SIGKILL to `pid`; a process that is gone is fine. */
  kill(pid: number): void;
}

/** The /proc-based `ProcessProbe`. */
export function procProbe(): ProcessProbe {
  return {
    async alive(pid, marker) {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, "utf8");
        const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
        if (state === "Z" || state === "X") return false;
        if (marker === undefined) return true;
        const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
        return cmdline.split("\0").includes(marker);
      } catch {
        return false;
      }
    },
    kill(pid) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}
