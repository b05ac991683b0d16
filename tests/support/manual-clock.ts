import type { Clock } from '@/lib/talkover/clock';

/**
 * A clock that only moves when told to. `sleep` moves it forward at once, so backoff and budget
 * waits cost no real time while staying exact.
 */
export class ManualClock implements Clock {
  constructor(private nowMs = Date.now()) {}

  now(): number {
    return this.nowMs;
  }

  async sleep(ms: number): Promise<void> {
    this.nowMs += ms;
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }
}
