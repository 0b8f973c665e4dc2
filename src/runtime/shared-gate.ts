/**
 * An in-process readers/writer gate: any number of `shared` sections run together, an `exclusive`
 * section runs alone. Waiters are served in arrival order (a waiting writer holds back later readers).
 */
export class SharedGate {
  private readers = 0;
  private writer = false;
  private readonly queue: { exclusive: boolean; wake: () => void }[] = [];

  /** Runs `action` alongside other shared sections, never during an exclusive one. */
  shared<T>(action: () => Promise<T>): Promise<T> {
    return this.run(false, action);
  }

  /** Runs `action` while no other section runs. */
  exclusive<T>(action: () => Promise<T>): Promise<T> {
    return this.run(true, action);
  }

  private async run<T>(exclusive: boolean, action: () => Promise<T>): Promise<T> {
    if (!this.admit(exclusive)) await new Promise<void>((wake) => this.queue.push({ exclusive, wake }));
    try {
      return await action();
    } finally {
      if (exclusive) this.writer = false;
      else this.readers--;
      this.drain();
    }
  }

  /** Enters at once when nothing blocks and nobody waits ahead; false when the caller must queue. */
  private admit(exclusive: boolean): boolean {
    if (this.queue.length > 0 || this.writer || (exclusive && this.readers > 0)) return false;
    if (exclusive) this.writer = true;
    else this.readers++;
    return true;
  }

  /** Lets waiters in, in order: readers together, a writer once nothing else runs. */
  private drain(): void {
    while (!this.writer) {
      const next = this.queue[0];
      if (next === undefined || (next.exclusive && this.readers > 0)) return;
      this.queue.shift();
      if (next.exclusive) this.writer = true;
      else this.readers++;
      next.wake();
    }
  }
}
