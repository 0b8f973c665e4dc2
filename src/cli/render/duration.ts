import { UsageError } from "../../shared/errors.js";

/** Docker's HumanDuration: "Less than a second", "3 seconds", "About a minute", "2 hours", "3 weeks"… */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

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

const unitsNs: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's time.ParseDuration ("1m30s", "300ms", "1.5h") in nanoseconds; the error names `flag`. */
export function parseDuration(text: string, flag: string): number {
  const bad = () =>
    new UsageError(`invalid argument "${text}" for "${flag}" flag: time: invalid duration "${text}"`);
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  let rest = trimmed.startsWith("-") || trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
  if (rest === "") throw bad();
  let total = 0;
  while (rest !== "") {
    const found = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!found?.[1] || !found[2]) throw bad();
    total += Number(found[1]) * (unitsNs[found[2]] ?? 0);
    rest = rest.slice(found[0].length);
  }
  if (trimmed.startsWith("-"))
    throw new UsageError(`invalid argument "${text}" for "${flag}" flag: negative`);
  return Math.round(total);
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
