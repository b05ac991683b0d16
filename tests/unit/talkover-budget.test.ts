// The upstream budget: a sliding-window log that every Talkover call, retries included, goes
// through. A burst is allowed at once, but no 60 s window ever holds more than 90% of the limit
// and no 2 minutes more than 80% of two minutes' worth; series calls never dig into the share
// of a window kept for views; and Talkover itself can pause all calls.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pauseFromHeaders, type BudgetPriority } from '@/lib/talkover/budget';
import { SlidingWindowBudget } from '@/lib/talkover/budget/memory';
import { ManualClock } from '../support/manual-clock';

/** A whole second, so epoch-seconds reset headers convert exactly. */
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const MINUTE = 60_000;

function budgetOf(limitPerMinute: number) {
  const clock = new ManualClock(NOW);
  return { clock, budget: new SlidingWindowBudget(limitPerMinute, clock) };
}

/** Takes every call available right now at this priority; returns how many there were. */
function drain(budget: SlidingWindowBudget, priority: BudgetPriority = 'view'): number {
  let taken = 0;
  while (budget.reserve(0, { priority }).ok) taken += 1;
  return taken;
}

/** The most calls in any window [t, t + windowMs), over every window start. */
function busiest(calls: number[], windowMs = MINUTE): number {
  const sorted = [...calls].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}

/**
 * Greedy callers for `minutes`: every `stepMs` they take (or book, up to `maxWaitMs` ahead) every
 * call they can get. Returns the times the calls go out (booked calls go out after their wait).
 */
function greedyCalls(limitPerMinute: number, options: { minutes: number; stepMs: number; maxWaitMs: number }): number[] {
  const { clock, budget } = budgetOf(limitPerMinute);
  const calls: number[] = [];
  for (let elapsed = 0; elapsed < options.minutes * MINUTE; elapsed += options.stepMs) {
    for (let reservation = budget.reserve(options.maxWaitMs); reservation.ok; reservation = budget.reserve(options.maxWaitMs)) {
      calls.push(clock.now() + reservation.waitMs);
    }
    clock.advance(options.stepMs);
  }
  return calls.sort((a, b) => a - b);
}

describe('burst', () => {
  test.each([
    [1000, 900],
    [100, 90],
    [60, 54],
    [10, 9],
    [5, 4],
    [1, 1],
  ])('a cold budget of %i/min lets %i calls go at once (90%, at least 1)', (limit, burst) => {
    const { budget } = budgetOf(limit);
    expect(budget.limitPerMinute).toBe(limit);
    expect(budget.snapshot()).toEqual({ remaining: burst, pausedForMs: 0 });
    expect(drain(budget)).toBe(burst);
    expect(budget.snapshot().remaining).toBe(0);
  });

  test('a cold 90-day view (16 calls) at 100/min waits for nothing', () => {
    const { budget } = budgetOf(100);
    const waits = Array.from({ length: 16 }, () => budget.reserve(0));
    expect(waits.every((reservation) => reservation.ok && reservation.waitMs === 0)).toBe(true);
  });
});

describe('reserve(maxWaitMs)', () => {
  test('after a burst the next slot is when the first call leaves the 60 s window', () => {
    const { clock, budget } = budgetOf(100);
    budget.reserve(0);
    clock.advance(10_000);
    expect(drain(budget)).toBe(89);
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 50_000 });
    expect(budget.reserve(49_999)).toEqual({ ok: false, retryAfterMs: 50_000 });
    // Had the refusals booked anything, this wait would be longer.
    expect(budget.reserve(50_000)).toEqual({ ok: true, waitMs: 50_000 });
    // The next one must wait for the second call (at +10 s) to leave: +70 s.
    expect(budget.reserve(60_000)).toEqual({ ok: true, waitMs: 60_000 });
  });

  test('booked calls go in order and count before anyone else gets a slot', () => {
    const { clock, budget } = budgetOf(10); // 9 a minute
    for (let n = 0; n < 9; n += 1) {
      budget.reserve(0);
      clock.advance(1_000);
    }
    // Calls at 0..8 s; now at 9 s. The next slots are at 60 s, 61 s, 62 s.
    expect([budget.reserve(60_000), budget.reserve(60_000), budget.reserve(60_000)]).toEqual([
      { ok: true, waitMs: 51_000 },
      { ok: true, waitMs: 52_000 },
      { ok: true, waitMs: 53_000 },
    ]);
    clock.advance(53_000);
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 1_000 });
  });
});

describe('the guarantee: ≤ 90% of the limit in any 60 s, ≤ 80% sustained', () => {
  test.each([
    { limit: 5, maxWaitMs: 0 },
    { limit: 10, maxWaitMs: 14_000 },
    { limit: 60, maxWaitMs: 5_000 },
    { limit: 100, maxWaitMs: 0 },
    { limit: 100, maxWaitMs: 14_000 },
    { limit: 1000, maxWaitMs: 1_000 },
  ])('greedy callers at $limit/min, waiting up to $maxWaitMs ms, for 10 minutes', ({ limit, maxWaitMs }) => {
    const calls = greedyCalls(limit, { minutes: 10, stepMs: 100, maxWaitMs });
    expect(busiest(calls)).toBeLessThanOrEqual(Math.floor(limit * 0.9));
    expect(busiest(calls, 2 * MINUTE)).toBeLessThanOrEqual(Math.floor(limit * 1.6));
    // Over the 10 minutes the greedy callers get 80% of the limit, no more, and close to it
    // (calls booked to go out after the 10 minutes belong to the next ones).
    const within = calls.filter((at) => at < NOW + 10 * MINUTE).length;
    expect(within).toBeLessThanOrEqual(limit * 0.8 * 10);
    expect(within).toBeGreaterThanOrEqual(Math.floor(limit * 0.8 * 10 * 0.95));
  });

  test('holds for any pattern of calls, waits and priorities (fast-check)', () => {
    const step = fc.record({
      advanceMs: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 70_000 })),
      calls: fc.integer({ min: 0, max: 40 }),
      maxWaitMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 90_000 })),
      priority: fc.constantFrom<BudgetPriority>('view', 'series'),
      pause: fc.option(fc.integer({ min: 1, max: 60_000 }), { freq: 10 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(7, 10, 60, 100), fc.array(step, { minLength: 1, maxLength: 120 }), (limit, steps) => {
        const { clock, budget } = budgetOf(limit);
        const calls: number[] = [];
        for (const { advanceMs, calls: tries, maxWaitMs, priority, pause } of steps) {
          clock.advance(advanceMs);
          if (pause) budget.pauseUntil(clock.now() + pause);
          for (let n = 0; n < tries; n += 1) {
            const reservation = budget.reserve(maxWaitMs, { priority });
            if (reservation.ok) calls.push(clock.now() + reservation.waitMs);
          }
        }
        expect(busiest(calls)).toBeLessThanOrEqual(Math.floor(limit * 0.9));
        expect(busiest(calls, 2 * MINUTE)).toBeLessThanOrEqual(Math.floor(limit * 1.6));
      }),
      { numRuns: 300 },
    );
  });
});

describe('priorities', () => {
  test('series calls stop while 40% of the window is left; views still get it', () => {
    const { budget } = budgetOf(100);
    expect(drain(budget, 'series')).toBe(90 - 36);
    expect(budget.reserve(60_000, { priority: 'series' }).ok).toBe(false);
    // A view call is not queued behind the series: it goes at once, until the reserve is spent.
    expect(budget.reserve(0)).toEqual({ ok: true, waitMs: 0 });
    expect(drain(budget)).toBe(35);
  });

  test('series calls never wait, and never go while views are booked ahead', () => {
    const { clock, budget } = budgetOf(10);
    drain(budget);
    expect(budget.reserve(60_000)).toEqual({ ok: true, waitMs: 60_000 });
    clock.advance(59_000);
    expect(budget.reserve(10_000, { priority: 'series' })).toMatchObject({ ok: false });
    clock.advance(1_000); // the booked view call goes out now; the burst has left the minute
    // The two minutes still hold all 10 calls, more than series may take of them (16 − 8).
    expect(drain(budget, 'series')).toBe(0);
    clock.advance(60_000); // the burst leaves the two minutes too; only the booked call is left
    expect(drain(budget, 'series')).toBe(9 - 4);
  });

  test('series calls take at most half of any two minutes: the totals of the next minute still get theirs', () => {
    const { clock, budget } = budgetOf(100); // 90 a minute, 160 in two
    expect(drain(budget, 'series')).toBe(54);
    clock.advance(60_000);
    expect(drain(budget, 'series')).toBe(80 - 54);
    // Views: the minute holds 26 (64 free), the two minutes 80 (80 free).
    expect(drain(budget)).toBe(64);
  });

  test('a refused series call is told when it could go', () => {
    const { clock, budget } = budgetOf(100);
    drain(budget, 'series');
    clock.advance(20_000);
    expect(budget.reserve(0, { priority: 'series' })).toEqual({ ok: false, retryAfterMs: 40_000 });
  });
});

describe('pauseUntil', () => {
  test('blocks every call, however long the caller would wait, and reports the time left', () => {
    const { clock, budget } = budgetOf(100);
    budget.pauseUntil(NOW + 30_000);
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(budget.reserve(10 * MINUTE)).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(budget.reserve(0, { priority: 'series' })).toEqual({ ok: false, retryAfterMs: 30_000 });
    clock.advance(29_000);
    expect(budget.reserve(10 * MINUTE)).toEqual({ ok: false, retryAfterMs: 1_000 });
    expect(budget.snapshot()).toEqual({ remaining: 0, pausedForMs: 1_000 });
    clock.advance(1_000);
    expect(budget.snapshot()).toEqual({ remaining: 90, pausedForMs: 0 });
    expect(budget.reserve(0)).toEqual({ ok: true, waitMs: 0 });
  });

  test('a shorter pause does not cut a longer one short', () => {
    const { budget } = budgetOf(100);
    budget.pauseUntil(NOW + 30_000);
    budget.pauseUntil(NOW + 5_000);
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 30_000 });
  });

  test('calls made before a pause still count after it', () => {
    const { clock, budget } = budgetOf(100);
    drain(budget);
    budget.pauseUntil(NOW + 30_000);
    clock.advance(30_000);
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 30_000 });
  });
});

describe('snapshot', () => {
  test('calls a view could start now, booked calls included, and it spends nothing', () => {
    const { clock, budget } = budgetOf(10);
    expect(budget.snapshot()).toEqual({ remaining: 9, pausedForMs: 0 });
    budget.reserve(0);
    expect(budget.snapshot().remaining).toBe(8);
    for (let n = 0; n < 5; n += 1) budget.snapshot();
    drain(budget);
    budget.reserve(60_000);
    expect(budget.snapshot().remaining).toBe(0);
    clock.advance(60_000); // the burst leaves the minute (9 − the booked call = 8) but not the two minutes (16 − 10)
    expect(budget.snapshot().remaining).toBe(6);
    clock.advance(60_000); // only the booked call is left, in the two minutes alone
    expect(budget.snapshot().remaining).toBe(9);
  });
});

describe('pauseFromHeaders', () => {
  type Case = { name: string; status: number; headers?: Record<string, string>; retryAfterSeconds?: number; pauseMs: number | null };
  const epoch = (secondsFromNow: number) => String(NOW / 1000 + secondsFromNow);

  test.each<Case>([
    { name: '429 with Retry-After: 30', status: 429, retryAfterSeconds: 30, pauseMs: 30_000 },
    { name: '429 without Retry-After pauses a minute', status: 429, pauseMs: 60_000 },
    {
      name: '429: Retry-After wins over the rate-limit headers',
      status: 429,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epoch(50) },
      retryAfterSeconds: 5,
      pauseMs: 5_000,
    },
    {
      name: 'X-RateLimit-Remaining 0, reset in epoch seconds',
      status: 200,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epoch(45) },
      pauseMs: 45_000,
    },
    {
      name: 'X-RateLimit-Remaining 0, reset in seconds from now',
      status: 200,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '20' },
      pauseMs: 20_000,
    },
    {
      name: 'RateLimit-Remaining 0 / RateLimit-Reset 15',
      status: 200,
      headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '15' },
      pauseMs: 15_000,
    },
    {
      name: 'RateLimit-Remaining 0, reset in epoch seconds',
      status: 200,
      headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': epoch(12) },
      pauseMs: 12_000,
    },
    { name: 'remaining 0 with spaces', status: 200, headers: { 'X-RateLimit-Remaining': ' 0 ', 'X-RateLimit-Reset': ' 9 ' }, pauseMs: 9_000 },
    {
      name: 'remaining 0 on an error answer too',
      status: 500,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '3' },
      pauseMs: 3_000,
    },
    { name: 'remaining 0 without a reset pauses a minute', status: 200, headers: { 'X-RateLimit-Remaining': '0' }, pauseMs: 60_000 },
    {
      name: 'remaining 0 with an unreadable reset pauses a minute',
      status: 200,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': 'soon' },
      pauseMs: 60_000,
    },
    {
      name: 'far epoch reset is capped at 5 min',
      status: 200,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epoch(7_200) },
      pauseMs: 300_000,
    },
    {
      name: 'far delta reset is capped at 5 min',
      status: 200,
      headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '86400' },
      pauseMs: 300_000,
    },
    {
      name: 'a 429 asking for a day is capped at 5 min',
      status: 429,
      headers: {},
      retryAfterSeconds: 86_400,
      pauseMs: 300_000,
    },
    {
      name: 'an epoch reset already past pauses no further than now',
      status: 200,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epoch(-30) },
      pauseMs: 0,
    },
    { name: 'X-RateLimit-Remaining > 0', status: 200, headers: { 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': epoch(45) }, pauseMs: null },
    { name: 'RateLimit-Remaining > 0', status: 200, headers: { 'RateLimit-Remaining': '1', 'RateLimit-Reset': '15' }, pauseMs: null },
    {
      name: 'an unreadable remaining count',
      status: 200,
      headers: { 'X-RateLimit-Remaining': 'none', 'X-RateLimit-Reset': '15' },
      pauseMs: null,
    },
    { name: 'no rate-limit headers', status: 200, pauseMs: null },
    { name: 'a 503 without rate-limit headers', status: 503, pauseMs: null },
  ])('$name', ({ status, headers, retryAfterSeconds, pauseMs }) => {
    const until = pauseFromHeaders(status, new Headers(headers), NOW, retryAfterSeconds);
    expect(until).toBe(pauseMs === null ? null : NOW + pauseMs);
  });
});
