import type { HealthLogEntry, HealthState } from "../../api/index.js";

/** Docker keeps this many probe results. */
export const HEALTH_LOG_ENTRIES = 5;
/** Docker cuts a probe's output to this many bytes. */
export const HEALTH_OUTPUT_MAX = 4096;

/** The health of a container that was just started. */
export function startingHealth(): HealthState {
  return { Status: "starting", FailingStreak: 0, Log: [] };
}

/** How one result counts. */
export interface ProbeContext {
  retries: number;
  /** True while the container is in its start period: failures then do not count (Docker). */
  inStartPeriod: boolean;
}

/**
 * Docker's transition on one probe result: success → healthy with the streak reset; a failure adds to
 * the streak (not while starting within the start period) and `retries` failures in a row → unhealthy.
 * The result joins the log, of which the last five are kept. Pure.
 */
export function applyProbeResult(
  health: HealthState,
  entry: HealthLogEntry,
  context: ProbeContext,
): HealthState {
  const log = [...health.Log, entry].slice(-HEALTH_LOG_ENTRIES);
  if (entry.ExitCode === 0) return { Status: "healthy", FailingStreak: 0, Log: log };
  const counts = !(health.Status === "starting" && context.inStartPeriod);
  if (!counts) return { ...health, Log: log };
  const streak = health.FailingStreak + 1;
  return {
    Status: streak >= Math.max(1, context.retries) ? "unhealthy" : health.Status,
    FailingStreak: streak,
    Log: log,
  };
}

/** Cuts probe output to Docker's limit (on a character boundary). */
export function capOutput(output: string): string {
  const bytes = Buffer.from(output);
  if (bytes.length <= HEALTH_OUTPUT_MAX) return output;
  return bytes
    .subarray(0, HEALTH_OUTPUT_MAX)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
}
