import type { RestartSpec } from "../../runtime/spec/index.js";

/** First back-off delay (Docker: 100 ms, doubling). */
export const RESTART_BACKOFF_START_MS = 100;
/** Longest back-off delay (Docker: one minute). */
export const RESTART_BACKOFF_MAX_MS = 60_000;
/** A container that ran at least this long gets its back-off reset (Docker: 10 s). */
export const RESTART_RESET_AFTER_MS = 10_000;

/** What the decision looks at after an exit. */
export interface ExitFacts {
  policy: RestartSpec | undefined;
  exitCode: number;
  restartCount: number;
  stoppedByUser: boolean;
  /** How long the process ran. */
  ranMs: number;
  /** The delay used last time (0 for none yet). */
  previousDelayMs: number;
}

/** Whether to restart and after how long. */
export type RestartDecision = { restart: false } | { restart: true; delayMs: number };

/** The next back-off delay: 100 ms, doubled each time, capped at a minute, reset after a run of ≥ 10 s. */
export function nextDelay(previousMs: number, ranMs: number): number {
  const base = ranMs >= RESTART_RESET_AFTER_MS ? 0 : previousMs;
  return base === 0 ? RESTART_BACKOFF_START_MS : Math.min(base * 2, RESTART_BACKOFF_MAX_MS);
}

/** Docker's restart decision for an exit (pure): a stop or kill by the user is never undone. */
export function decideRestart(facts: ExitFacts): RestartDecision {
  const policy = facts.policy?.policy ?? "no";
  if (facts.stoppedByUser || policy === "no") return { restart: false };
  let restart = false;
  if (policy === "always" || policy === "unless-stopped") restart = true;
  else if (policy === "on-failure") {
    const max = facts.policy?.maxRetries ?? 0;
    restart = facts.exitCode !== 0 && (max === 0 || facts.restartCount < max);
  }
  return restart
    ? { restart: true, delayMs: nextDelay(facts.previousDelayMs, facts.ranMs) }
    : { restart: false };
}

/** Whether a container that is not running is started when the engine starts (always; unless-stopped if not stopped by the user). */
export function startsWithEngine(policy: RestartSpec | undefined, stoppedByUser: boolean): boolean {
  if (policy?.policy === "always") return true;
  return policy?.policy === "unless-stopped" && !stoppedByUser;
}
