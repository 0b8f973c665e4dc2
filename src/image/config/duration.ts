import { parseGoDuration as parseDuration } from "../../shared/durations.js";
import { UsageError } from "../../shared/errors.js";

/** Parses a Go duration (`1m30s`, `500ms`, `0`) into whole nanoseconds; negative durations are refused. */
export function parseGoDuration(text: string): number {
  const nanos = parseDuration(text);
  if (nanos === undefined || nanos < 0 || text.trim() !== text) {
    throw new UsageError(`invalid duration "${text}" (use a number with a unit: ns, us, ms, s, m, h)`);
  }
  return nanos;
}
