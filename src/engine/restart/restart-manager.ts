import type { Clock } from "../../shared/ports.js";

/** What the manager asks the engine to do when a back-off ends. */
export interface RestartManagerOptions {
  clock: Clock;
  /** Starts the container again (the engine re-checks that nobody stopped it meanwhile). */
  restart(id: string): Promise<void>;
  onError?: (id: string, error: unknown) => void;
}

/** Pending restarts with their back-off timers, and the last delay per container. */
export class RestartManager {
  private readonly pending = new Map<string, AbortController>();
  private readonly delays = new Map<string, number>();

  constructor(private readonly options: RestartManagerOptions) {}

  /** The delay used for `id`'s last restart (0 when none). */
  lastDelay(id: string): number {
    return this.delays.get(id) ?? 0;
  }

  /** Whether a restart of `id` is waiting for its back-off. */
  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  /** Restarts `id` after `delayMs` unless cancelled first. */
  schedule(id: string, delayMs: number): void {
    this.cancel(id);
    this.delays.set(id, delayMs);
    const controller = new AbortController();
    this.pending.set(id, controller);
    void this.options.clock
      .sleep(delayMs, controller.signal)
      .then(
        async () => {
          if (this.pending.get(id) !== controller) return;
          this.pending.delete(id);
          await this.options.restart(id);
        },
        () => undefined,
      )
      .catch((error: unknown) => this.options.onError?.(id, error));
  }

  /** Cancels a pending restart (user stop, kill, remove); returns whether one was pending. */
  cancel(id: string): boolean {
    const controller = this.pending.get(id);
    if (!controller) return false;
    this.pending.delete(id);
    controller.abort();
    return true;
  }

  /** Forgets `id` entirely (removed). */
  forget(id: string): void {
    this.cancel(id);
    this.delays.delete(id);
  }

  /** Cancels everything (engine shutdown). */
  stopAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }
}
