/** An unbounded push queue read as an async iterable; `end()` finishes it, `fail()` rejects the reader. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private ended = false;
  private error: unknown;

  /** Adds an item (ignored after the end). */
  push(item: T): void {
    if (this.ended) return;
    const wake = this.waiting;
    if (wake) {
      this.waiting = undefined;
      this.failWaiting = undefined;
      wake({ value: item, done: false });
    } else this.items.push(item);
  }

  /** Ends the stream after the queued items. */
  end(): void {
    this.ended = true;
    const wake = this.waiting;
    this.waiting = undefined;
    this.failWaiting = undefined;
    if (wake && this.items.length === 0) wake({ value: undefined, done: true });
  }

  /** Ends the stream with an error after the queued items. */
  fail(error: unknown): void {
    this.error = error;
    this.ended = true;
    const fail = this.failWaiting;
    this.waiting = undefined;
    this.failWaiting = undefined;
    if (fail && this.items.length === 0) fail(error);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.ended) {
        if (this.error !== undefined) throw this.error;
        return;
      }
      const result = await new Promise<IteratorResult<T>>((resolve, reject) => {
        this.waiting = resolve;
        this.failWaiting = reject;
      });
      if (result.done) return;
      yield result.value;
    }
  }
}
