import { BerthError } from "../shared/errors.js";
import type { Clock } from "../shared/ports.js";

/** How to find, start and wait for the engine; the spawn itself is injected (it lives in platform/cli). */
export interface EnsureEngineOptions {
  /** True when `/_ping` answers. */
  ping: () => Promise<boolean>;
  /** Starts the engine (detached); called only when the first ping fails. */
  start: () => Promise<void>;
  clock: Clock;
  timeoutMs: number;
  /** Pause between pings while waiting (default 50 ms). */
  intervalMs?: number;
  /** Told just before `start` is called (the CLI says so on stderr). */
  onStarting?: () => void;
  signal?: AbortSignal;
}

/** Makes sure an engine answers: ping, else start one and ping until it answers or the time is up. */
export async function ensureEngine(options: EnsureEngineOptions): Promise<{ started: boolean }> {
  if (await options.ping()) return { started: false };
  options.onStarting?.();
  await options.start();
  const deadline = options.clock.now() + options.timeoutMs;
  for (;;) {
    if (await options.ping()) return { started: true };
    if (options.clock.now() >= deadline) {
      throw new BerthError(
        "ENGINE_UNAVAILABLE",
        `the berth engine was started but did not answer /_ping within ${options.timeoutMs} ms`,
      );
    }
    await options.clock.sleep(options.intervalMs ?? 50, options.signal);
  }
}
