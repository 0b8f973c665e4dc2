/**
 * Crash tests' hook: SIGKILLs this process when env BERTH_CRASH_AT names the step (e.g.
 * "network.bridge-created", "container.endpoints-saved", "container.netns-made"). A no-op otherwise.
 */
export function crashPoint(name: string): void {
  if (process.env.BERTH_CRASH_AT === name) process.kill(process.pid, "SIGKILL");
}
