/** A push queue read as an async iterable until an AbortSignal fires (test helper for fakes). */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;

  /** Adds a value and wakes the reader. */
  push(value: T): void {
    this.items.push(value);
    this.wake?.();
  }

  /** Yields values as they come; returns when the signal aborts. */
  async *drain(signal: AbortSignal): AsyncGenerator<T> {
    while (!signal.aborted) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          this.wake = undefined;
          signal.removeEventListener("abort", done);
          resolve();
        };
        this.wake = done;
        signal.addEventListener("abort", done);
      });
    }
  }
}
