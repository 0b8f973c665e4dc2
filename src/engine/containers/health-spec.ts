import type { HealthSpec } from "../../runtime/spec/index.js";

const NS_PER_MS = 1_000_000;
/** Docker's defaults for a health check that leaves them at zero. */
export const HEALTH_DEFAULTS = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
};

/** A health check as the API and image configs write it (durations in nanoseconds). */
export interface HealthInput {
  Test?: string[] | null;
  Interval?: number | null;
  Timeout?: number | null;
  StartPeriod?: number | null;
  StartInterval?: number | null;
  Retries?: number | null;
}

function pick(primary: number | null | undefined, fallback: number | null | undefined): number | undefined {
  if (typeof primary === "number" && primary > 0) return primary;
  if (typeof fallback === "number" && fallback > 0) return fallback;
  return undefined;
}

/**
 * The effective health check: the container's fields win over the image's, zero means "inherit or
 * default", `NONE` disables it. CMD-SHELL runs through /bin/sh -c, as Docker does.
 */
export function healthSpecOf(
  container: HealthInput | null | undefined,
  image: HealthInput | null | undefined,
): HealthSpec | undefined {
  const test = container?.Test && container.Test.length > 0 ? container.Test : image?.Test;
  if (!test || test.length === 0 || test[0] === "NONE") return undefined;
  let argv: string[];
  if (test[0] === "CMD") argv = test.slice(1);
  else if (test[0] === "CMD-SHELL") argv = ["/bin/sh", "-c", test.slice(1).join(" ")];
  else argv = ["/bin/sh", "-c", test.join(" ")];
  if (argv.length === 0) return undefined;
  const ms = (field: "Interval" | "Timeout" | "StartPeriod" | "StartInterval", fallback: number): number => {
    const ns = pick(container?.[field], image?.[field]);
    return ns === undefined ? fallback : Math.round(ns / NS_PER_MS);
  };
  return {
    test: argv,
    intervalMs: ms("Interval", HEALTH_DEFAULTS.intervalMs),
    timeoutMs: ms("Timeout", HEALTH_DEFAULTS.timeoutMs),
    retries: pick(container?.Retries, image?.Retries) ?? HEALTH_DEFAULTS.retries,
    startPeriodMs: ms("StartPeriod", HEALTH_DEFAULTS.startPeriodMs),
    startIntervalMs: ms("StartInterval", HEALTH_DEFAULTS.startIntervalMs),
  };
}
