/** Nanoseconds per unit of Go's time.ParseDuration. */
const unitNanos: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * Go's time.ParseDuration (`1m30s`, `300ms`, `1.5h`, `0`) in whole nanoseconds, or undefined when the
 * text is not a duration. A leading `-` gives a negative number: callers decide whether they allow it.
 */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  const negative = trimmed.startsWith("-");
  let rest = negative || trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
  if (rest === "") return undefined;
  let total = 0;
  while (rest !== "") {
    const found = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!found?.[1] || !found[2]) return undefined;
    total += Number(found[1]) * (unitNanos[found[2]] ?? 0);
    rest = rest.slice(found[0].length);
  }
  return Math.round(negative ? -total : total);
}

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
