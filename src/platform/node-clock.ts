import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "../shared/ports.js";

/** The real clock: wall time in milliseconds and abortable sleeps. */
export function nodeClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: async (ms, signal) => {
      await delay(ms, undefined, signal === undefined ? undefined : { signal });
    },
  };
}
