import type { Clock } from "../shared/ports.js";

/** The real clock: wall time in milliseconds and abortable sleeps. */
export function nodeClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: async (ms, signal) => {
      // Loaded at the first sleep: a CLI that never waits (`berth config`) does not load it.
      const { setTimeout: delay } = await import("node:timers/promises");
      await delay(ms, undefined, signal === undefined ? undefined : { signal });
    },
  };
}
