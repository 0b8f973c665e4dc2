import { type FSWatcher, watch } from "node:fs";

// conmon writes `<exits>/<id>` when a container ends. One inotify watch (fs.watch) on that directory
// wakes whoever waits for an exit as soon as the file appears or changes, so waits poll only as a
// slow fallback (a missed event, a directory made after the watch was tried) instead of every 50 ms
// per container: with 20 containers the polling alone was 400 file reads a second on the event loop.

/** Wakes waiters of a container when its exit file is written (one fs.watch per exits directory). */
export class ExitWatch {
  private watcher: FSWatcher | undefined;
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly dir: string) {}

  /**
   * Resolves at the next write of `id`'s exit file (or at once when the directory cannot be watched:
   * the caller's fallback poll then paces it). Register before reading the file, so no write is missed.
   */
  next(id: string, signal: AbortSignal): Promise<void> {
    if (!this.ensureWatching()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const set = this.waiters.get(id) ?? new Set<() => void>();
      this.waiters.set(id, set);
      const done = () => {
        signal.removeEventListener("abort", done);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
        this.closeWhenIdle();
        resolve();
      };
      set.add(done);
      signal.addEventListener("abort", done, { once: true });
      if (signal.aborted) done();
    });
  }

  /** Number of containers somebody waits for (for tests and diagnostics). */
  get waiting(): number {
    return this.waiters.size;
  }

  private ensureWatching(): boolean {
    if (this.watcher) return true;
    try {
      const watcher = watch(this.dir, { persistent: false }, (_event, name) => this.wake(name));
      watcher.on("error", () => {
        watcher.close();
        if (this.watcher === watcher) this.watcher = undefined;
        this.wakeAll();
      });
      this.watcher = watcher;
      return true;
    } catch {
      return false;
    }
  }

  private wake(name: string | Buffer | null): void {
    if (name === null) {
      this.wakeAll(); // the kernel dropped names (queue overflow): everyone looks again
      return;
    }
    for (const done of [...(this.waiters.get(name.toString()) ?? [])]) done();
  }

  private wakeAll(): void {
    for (const set of [...this.waiters.values()]) for (const done of [...set]) done();
  }

  private closeWhenIdle(): void {
    if (this.waiters.size > 0 || !this.watcher) return;
    this.watcher.close();
    this.watcher = undefined;
  }
}
