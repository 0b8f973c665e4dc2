/** One process as `top` shows it. */
export interface ProcessRow {
  uid: number;
  pid: number;
  ppid: number;
  /** When it started (ms since the epoch), when known. */
  startedAtMs?: number;
  /** utime + stime in clock ticks. */
  cpuTicks: number;
  tty: string;
  cmd: string;
}

/** What the engine reads from the host about a container's processes (a port: /proc on Linux, fake in tests). */
export interface HostProbe {
  /** The processes in the container's cgroup (`<cgroupParent>/<id>`), sorted by PID. */
  processes(cgroupParent: string, id: string): Promise<ProcessRow[]>;
  /** Whether the kernel OOM-killed a process in the container's memory cgroup. */
  oomKilled(cgroupParent: string, id: string): Promise<boolean>;
}

/** A probe that sees nothing (component tests that do not care). */
export const emptyHostProbe: HostProbe = {
  processes: async () => [],
  oomKilled: async () => false,
};
