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

/**
 * The upstream clock as the faked `Date` (`vi.useFakeTimers({ toFake: ['Date'] })`): what reads
 * `Date.now()` itself (the members' shares, rate-limiter-flexible's minutes) and what reads the
 * injected clock (cache, budget) see one time. `sleep` moves that time forward at once, so a
 * budget wait costs no real time.
 */
export function fakeDateClock(setSystemTime: (ms: number) => void): Clock {
  return {
    now: () => Date.now(),
    sleep: async (ms) => setSystemTime(Date.now() + ms),
  };
}
