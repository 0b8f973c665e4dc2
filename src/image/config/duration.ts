import { UsageError } from "../../shared/errors.js";

const unitNanos: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const whole =
  /^(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h)(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))*$/;
const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** Parses a Go duration (`1m30s`, `500ms`, `0`) into whole nanoseconds; negative durations are refused. */
export function parseGoDuration(text: string): number {
  if (text === "0") return 0;
  if (!whole.test(text)) {
    throw new UsageError(`invalid duration "${text}" (use a number with a unit: ns, us, ms, s, m, h)`);
  }
  let total = 0;
  for (const [, amount = "0", unit = "s"] of text.matchAll(part)) {
    total += Number(amount) * (unitNanos[unit] ?? 0);
  }
  return Math.round(total);
}
