import { humanDuration, parseGoDuration } from "../../shared/durations.js";
import { UsageError } from "../../shared/errors.js";

export { humanDuration };

/** "3 seconds ago" from a time in ms and now (a time in the future counts as now). */
export function ago(thenMs: number, nowMs: number): string {
  return `${humanDuration(Math.max(0, nowMs - thenMs))} ago`;
}

/** What a container's STATUS column says, from its state: "Up 3 seconds", "Exited (0) 2 minutes ago". */
export function containerStatusText(
  state: {
    Status: string;
    ExitCode: number;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string } | undefined;
  },
  nowMs: number,
): string {
  const started = Date.parse(state.StartedAt);
  const finished = Date.parse(state.FinishedAt);
  switch (state.Status) {
    case "running":
    case "paused": {
      const health = state.Health && state.Health.Status !== "none" ? healthSuffix(state.Health.Status) : "";
      const paused = state.Status === "paused" ? " (Paused)" : "";
      return `Up ${humanDuration(Math.max(0, nowMs - started))}${paused}${health}`;
    }
    case "restarting":
      return `Restarting (${state.ExitCode}) ${ago(finished, nowMs)}`;
    case "exited":
      return started > 0 ? `Exited (${state.ExitCode}) ${ago(finished, nowMs)}` : "Created";
    case "removing":
      return "Removal In Progress";
    case "dead":
      return "Dead";
    default:
      return "Created";
  }
}

function healthSuffix(status: string): string {
  return status === "starting" ? " (health: starting)" : ` (${status})`;
}

/** Go's time.ParseDuration ("1m30s", "300ms", "1.5h") in nanoseconds; the error names `flag`. */
export function parseDuration(text: string, flag: string): number {
  const nanos = parseGoDuration(text);
  if (nanos === undefined) {
    throw new UsageError(`invalid argument "${text}" for "${flag}" flag: time: invalid duration "${text}"`);
  }
  if (nanos < 0) throw new UsageError(`invalid argument "${text}" for "${flag}" flag: negative`);
  return nanos;
}

/** Docker's "since"/"until" for logs: a Unix time, an RFC 3339 date, or a duration back from now. */
export function parseTimestamp(text: string, flag: string, nowMs: number): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (!Number.isNaN(date)) return date / 1000;
  try {
    return (nowMs - parseDuration(text, flag) / 1e6) / 1000;
  } catch {
    throw new UsageError(`invalid value for "${flag}": "${text}" is neither a timestamp nor a duration`);
  }
}
