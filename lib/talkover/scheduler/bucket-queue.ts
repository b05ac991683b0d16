import 'server-only';

/**
 * How many trend-bucket calls may be in flight at once, across every request. Unlike the
 * concurrency gate, which fails fast, bucket calls queue here (a series is many calls at once),
 * and there are fewer slots than gate places, so buckets never fill the gate: the totals and
 * comparison of a view always find room.
 */
export class BucketQueue {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** A slot, or false when `signal` aborts first (the call's deadline passed while queued). */
  acquire(signal: AbortSignal): Promise<boolean> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve(true);
    }
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        this.active += 1;
        resolve(true);
      };
      const onAbort = () => {
        const index = this.queue.indexOf(grant);
        if (index >= 0) this.queue.splice(index, 1);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(grant);
    });
  }

  release(): void {
    this.active = Math.max(0, this.active - 1);
    this.queue.shift()?.();
  }

  get inFlight(): number {
    return this.active;
  }
}

/** Gate places left to views: a quarter of them, at least one when there are two or more. */
export function bucketSlotLimit(maxConcurrent: number): number {
  return Math.max(1, maxConcurrent - Math.max(maxConcurrent >= 2 ? 1 : 0, Math.floor(maxConcurrent / 4)));
}
