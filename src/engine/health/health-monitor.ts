import type { HealthLogEntry, HealthState } from "../../api/index.js";
import type { HealthSpec } from "../../runtime/spec/index.js";
import { errorMessage } from "../../shared/errors.js";
import type { Clock } from "../../shared/ports.js";
import { isoNano } from "../util/time.js";
import { capOutput } from "./health-state.js";

/** A probe's outcome. */
export interface ProbeOutcome {
  exitCode: number;
  output: string;
}

/** What the monitor needs from the engine. */
export interface HealthMonitorOptions {
  clock: Clock;
  /** Runs the probe argv in the container (aborted on timeout or stop). */
  exec(id: string, argv: readonly string[], signal: AbortSignal): Promise<ProbeOutcome>;
  /** Records one result; returns the new health, or undefined when the container is gone (the monitor stops). */
  report(id: string, entry: HealthLogEntry, inStartPeriod: boolean): Promise<HealthState | undefined>;
  /** Errors of the monitor itself (for the engine log). */
  onError?: (id: string, error: unknown) => void;
}

/** What to watch: the container, its probe, and when it started. */
export interface HealthWatch {
  id: string;
  spec: HealthSpec;
  startedAtMs: number;
  status: HealthState["Status"];
}

/** Runs health probes of running containers on the injected clock, one loop per container. */
export class HealthMonitor {
  private readonly loops = new Map<string, AbortController>();

  constructor(private readonly options: HealthMonitorOptions) {}

  /** Whether a loop runs for `id`. */
  watching(id: string): boolean {
    return this.loops.has(id);
  }

  /** Starts (or restarts) probing `watch.id`. */
  start(watch: HealthWatch): void {
    this.stop(watch.id);
    const controller = new AbortController();
    this.loops.set(watch.id, controller);
    void this.loop(watch, controller.signal)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) this.options.onError?.(watch.id, error);
      })
      .finally(() => {
        if (this.loops.get(watch.id) === controller) this.loops.delete(watch.id);
      });
  }

  /** Stops probing `id` (the container stopped or went away). */
  stop(id: string): void {
    this.loops.get(id)?.abort();
    this.loops.delete(id);
  }

  /** Stops every loop (engine shutdown). */
  stopAll(): void {
    for (const id of [...this.loops.keys()]) this.stop(id);
  }

  private inStartPeriod(watch: HealthWatch, at: number): boolean {
    return at - watch.startedAtMs < watch.spec.startPeriodMs;
  }

  private async loop(watch: HealthWatch, signal: AbortSignal): Promise<void> {
    const { clock } = this.options;
    let status = watch.status;
    while (!signal.aborted) {
      const early =
        status === "starting" && watch.spec.startPeriodMs > 0 && this.inStartPeriod(watch, clock.now());
      const wait =
        early && watch.spec.startIntervalMs > 0 ? watch.spec.startIntervalMs : watch.spec.intervalMs;
      await clock.sleep(wait, signal);
      if (signal.aborted) return;
      const start = clock.now();
      const outcome = await this.probe(watch, signal);
      if (signal.aborted) return;
      const entry: HealthLogEntry = {
        Start: isoNano(start),
        End: isoNano(clock.now()),
        ExitCode: outcome.exitCode,
        Output: capOutput(outcome.output),
      };
      const next = await this.options.report(watch.id, entry, this.inStartPeriod(watch, start));
      if (next === undefined) return;
      status = next.Status;
    }
  }

  private async probe(watch: HealthWatch, stop: AbortSignal): Promise<ProbeOutcome> {
    const { clock } = this.options;
    const controller = new AbortController();
    const onStop = () => controller.abort();
    stop.addEventListener("abort", onStop, { once: true });
    const timer = new AbortController();
    const timedOut = clock.sleep(watch.spec.timeoutMs, timer.signal).then(
      () => true,
      () => false,
    );
    const seconds = watch.spec.timeoutMs / 1000;
    try {
      const ran = this.options
        .exec(watch.id, watch.spec.test, controller.signal)
        .catch((error: unknown): ProbeOutcome => ({ exitCode: -1, output: errorMessage(error) }));
      const expired = timedOut.then((hit): Promise<ProbeOutcome | "timeout"> | "timeout" =>
        hit ? "timeout" : ran,
      );
      const first = await Promise.race<ProbeOutcome | "timeout">([ran, expired]);
      if (first === "timeout") {
        controller.abort();
        return { exitCode: -1, output: `Health check exceeded timeout (${seconds}s)` };
      }
      return first;
    } finally {
      timer.abort();
      stop.removeEventListener("abort", onStop);
    }
  }
}
