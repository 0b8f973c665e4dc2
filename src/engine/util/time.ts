/** Docker's "never" time. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

/** A millisecond time as RFC 3339 with nanoseconds (Docker's format), UTC. */
export function isoNano(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "000000Z");
}

/** Milliseconds of an RFC 3339 time, or undefined for the zero time or garbage. */
export function parseIso(text: string): number | undefined {
  if (text === ZERO_TIME || text === "") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
