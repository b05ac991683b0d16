// The upstream budget: a token bucket (burst 10% of the limit, refill 80% of it per minute) that
// every Talkover call, retries included, must go through; and the pause Talkover itself can ask for.
import { describe, expect, test } from 'vitest';
import { pauseFromHeaders, UpstreamBudget } from '@/lib/talkover/budget';
import { ManualClock } from '../support/manual-clock';

/** A whole second, so epoch-seconds reset headers convert exactly. */
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const MINUTE = 60_000;

function budgetOf(limitPerMinute: number) {
  const clock = new ManualClock(NOW);
  return { clock, budget: new UpstreamBudget(limitPerMinute, clock) };
}

/** Takes every token available right now; returns how many there were. */
function drain(budget: UpstreamBudget): number {
  let taken = 0;
  while (budget.reserve(0).ok) taken += 1;
  return taken;
}

/**
 * Greedy callers for `minutes`: every `stepMs` they take (or book, up to `maxWaitMs` ahead) every
 * token they can get. Returns the times the calls go out (booked calls go out after their wait).
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

/** The most calls in any 60 s window [t, t + 60 s), over every window start. */
function busiestMinute(calls: number[]): number {
  let busiest = 0;
  let end = 0;
  for (let start = 0; start < calls.length; start += 1) {
    while (end < calls.length && calls[end]! < calls[start]! + MINUTE) end += 1;
    busiest = Math.max(busiest, end - start);
  }
  return busiest;
}

describe('burst', () => {
  test.each([
    [1000, 100],
    [100, 10],
    [60, 6],
    [19, 1],
    [10, 1],
    [5, 1],
    [1, 1],
  ])('a limit of %i/min starts with a burst of %i calls (a tenth, at least 1)', (limit, burst) => {
    const { budget } = budgetOf(limit);
    expect(budget.limitPerMinute).toBe(limit);
    expect(budget.snapshot()).toEqual({ remaining: burst, pausedForMs: 0 });
    expect(drain(budget)).toBe(burst);
    expect(budget.snapshot().remaining).toBe(0);
  });

  test('an idle budget refills to the burst and no further', () => {
    const { clock, budget } = budgetOf(100);
    drain(budget);
    clock.advance(60 * MINUTE);
    expect(budget.snapshot().remaining).toBe(10);
    expect(drain(budget)).toBe(10);
  });
});

describe('refill', () => {
  test('refills at 80% of the limit per minute: one token every 750 ms for 100/min', () => {
    const { clock, budget } = budgetOf(100);
    drain(budget);
    clock.advance(750);
    expect(budget.reserve(0)).toEqual({ ok: true, waitMs: 0 });
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 750 });
    clock.advance(700);
    expect(budget.reserve(0).ok).toBe(false);
  });

  test.each([5, 10, 60, 100, 1000])('greedy callers get the burst plus 80 percent of %i/min over 10 minutes', (limit) => {
    const calls = greedyCalls(limit, { minutes: 10, stepMs: 100, maxWaitMs: 0 });
    const earned = Math.max(1, Math.floor(limit * 0.1)) + limit * 0.8 * 10;
    expect(calls.length).toBeLessThanOrEqual(earned);
    // Callers that only look every 100 ms take each token up to a step late: a little less.
    expect(calls.length).toBeGreaterThanOrEqual(Math.floor(earned * 0.95));
  });
});

describe('reserve(maxWaitMs)', () => {
  test('books the next tokens in order, each one refill interval after the last', () => {
    const { budget } = budgetOf(100);
    drain(budget);
    const waits = Array.from({ length: 5 }, () => budget.reserve(10_000));
    expect(waits).toEqual([750, 1500, 2250, 3000, 3750].map((waitMs) => ({ ok: true, waitMs })));
    expect(budget.snapshot().remaining).toBe(0);
  });

  test('refuses a wait longer than maxWaitMs, and books nothing when it does', () => {
    const { budget } = budgetOf(100);
    drain(budget);
    expect(budget.reserve(749)).toEqual({ ok: false, retryAfterMs: 750 });
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 750 });
    // Had the refusals booked anything, this wait would be longer than 750 ms.
    expect(budget.reserve(750)).toEqual({ ok: true, waitMs: 750 });
    expect(budget.reserve(1499)).toEqual({ ok: false, retryAfterMs: 1500 });
  });

  test('booked tokens are paid back before anyone else gets one', () => {
    const { clock, budget } = budgetOf(100);
    drain(budget);
    budget.reserve(10_000); // 750 ms
    budget.reserve(10_000); // 1500 ms
    clock.advance(1500);
    // Both booked calls have now gone out: the next token is 750 ms away, not free.
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 750 });
  });
});

describe('never more than 90% of the limit in any 60 s window', () => {
  test.each([
    { limit: 5, maxWaitMs: 0 },
    { limit: 10, maxWaitMs: 0 },
    { limit: 10, maxWaitMs: 14_000 },
    { limit: 60, maxWaitMs: 5_000 },
    { limit: 100, maxWaitMs: 0 },
    { limit: 100, maxWaitMs: 14_000 },
    { limit: 1000, maxWaitMs: 0 },
    { limit: 1000, maxWaitMs: 1_000 },
  ])('limit $limit/min, callers waiting up to $maxWaitMs ms, 10 minutes', ({ limit, maxWaitMs }) => {
    const calls = greedyCalls(limit, { minutes: 10, stepMs: 100, maxWaitMs });
    // The callers really were greedy: about 80% of the limit every minute went out.
    expect(calls.length).toBeGreaterThanOrEqual(Math.floor(limit * 0.8 * 10 * 0.95));
    expect(busiestMinute(calls)).toBeLessThanOrEqual(Math.floor(limit * 0.9));
  });

  test('also for callers arriving at uneven times, after an idle spell', () => {
    const { clock, budget } = budgetOf(100);
    const calls: number[] = [];
    // Idle for 5 minutes (bucket full), then a storm, then a trickle, then a storm again.
    const steps = [5 * MINUTE, ...Array<number>(50).fill(10), ...Array<number>(40).fill(1_000), ...Array<number>(200).fill(37)];
    for (const step of steps) {
      clock.advance(step);
      for (let reservation = budget.reserve(3_000); reservation.ok; reservation = budget.reserve(3_000)) {
        calls.push(clock.now() + reservation.waitMs);
      }
    }
    // The storms and the trickle really did use the budget.
    expect(calls.length).toBeGreaterThan(70);
    expect(busiestMinute(calls.sort((a, b) => a - b))).toBeLessThanOrEqual(90);
  });
});

describe('pauseUntil', () => {
  test('blocks every call, however long the caller would wait, and reports the time left', () => {
    const { clock, budget } = budgetOf(100);
    budget.pauseUntil(NOW + 30_000);
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(budget.reserve(10 * MINUTE)).toEqual({ ok: false, retryAfterMs: 30_000 });
    clock.advance(29_000);
    expect(budget.reserve(10 * MINUTE)).toEqual({ ok: false, retryAfterMs: 1_000 });
    expect(budget.snapshot().pausedForMs).toBe(1_000);
    clock.advance(1_000);
    expect(budget.snapshot().pausedForMs).toBe(0);
    // Nothing accrued during the pause: the first token comes one refill interval after it.
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 750 });
    expect(budget.reserve(750)).toEqual({ ok: true, waitMs: 750 });
  });

  test('a shorter pause does not cut a longer one short', () => {
    const { budget } = budgetOf(100);
    budget.pauseUntil(NOW + 30_000);
    budget.pauseUntil(NOW + 5_000);
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 30_000 });
  });

  test('spends what was left, so calls restart gently', () => {
    const { clock, budget } = budgetOf(100);
    expect(budget.snapshot().remaining).toBe(10);
    budget.pauseUntil(NOW + 1);
    expect(budget.snapshot()).toEqual({ remaining: 0, pausedForMs: 1 });
    clock.advance(1);
    // The 10 tokens held before the pause are gone, none accrued during it: the next one is a
    // full refill interval after the pause ends.
    expect(budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 750 });
  });

  test('a long pause does not refill the bucket while Talkover said to stop', () => {
    const { clock, budget } = budgetOf(100);
    budget.pauseUntil(NOW + 60_000);
    clock.advance(60_000);
    expect(budget.snapshot()).toEqual({ remaining: 0, pausedForMs: 0 });
    clock.advance(750);
    expect(budget.snapshot().remaining).toBe(1);
  });
});

describe('snapshot', () => {
  test('whole calls that could start now, never negative while tokens are booked', () => {
    const { clock, budget } = budgetOf(100);
    expect(budget.snapshot()).toEqual({ remaining: 10, pausedForMs: 0 });
    budget.reserve(0);
    expect(budget.snapshot().remaining).toBe(9);
    drain(budget);
    budget.reserve(10_000);
    budget.reserve(10_000);
    expect(budget.snapshot().remaining).toBe(0);
    clock.advance(1_500 + 1_125); // pays back 2 booked tokens, then 1.5 more
    expect(budget.snapshot().remaining).toBe(1);
  });

  test('does not spend anything', () => {
    const { budget } = budgetOf(10);
    for (let i = 0; i < 5; i += 1) budget.snapshot();
    expect(budget.reserve(0)).toEqual({ ok: true, waitMs: 0 });
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
    { name: 'X-RateLimit-Remaining 0, reset in epoch seconds', status: 200, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epoch(45) }, pauseMs: 45_000 },
    { name: 'X-RateLimit-Remaining 0, reset in seconds from now', status: 200, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '20' }, pauseMs: 20_000 },
    { name: 'RateLimit-Remaining 0 / RateLimit-Reset 15', status: 200, headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '15' }, pauseMs: 15_000 },
    { name: 'RateLimit-Remaining 0, reset in epoch seconds', status: 200, headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': epoch(12) }, pauseMs: 12_000 },
    { name: 'remaining 0 with spaces', status: 200, headers: { 'X-RateLimit-Remaining': ' 0 ', 'X-RateLimit-Reset': ' 9 ' }, pauseMs: 9_000 },
    { name: 'remaining 0 on an error answer too', status: 500, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '3' }, pauseMs: 3_000 },
    { name: 'remaining 0 without a reset pauses a minute', status: 200, headers: { 'X-RateLimit-Remaining': '0' }, pauseMs: 60_000 },
    { name: 'remaining 0 with an unreadable reset pauses a minute', status: 200, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': 'soon' }, pauseMs: 60_000 },
    { name: 'far epoch reset is capped at 1 h', status: 200, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epoch(7_200) }, pauseMs: 3_600_000 },
    { name: 'far delta reset is capped at 1 h', status: 200, headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '86400' }, pauseMs: 3_600_000 },
    { name: 'an epoch reset already past pauses no further than now', status: 200, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epoch(-30) }, pauseMs: 0 },
    { name: 'X-RateLimit-Remaining > 0', status: 200, headers: { 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': epoch(45) }, pauseMs: null },
    { name: 'RateLimit-Remaining > 0', status: 200, headers: { 'RateLimit-Remaining': '1', 'RateLimit-Reset': '15' }, pauseMs: null },
    { name: 'an unreadable remaining count', status: 200, headers: { 'X-RateLimit-Remaining': 'none', 'X-RateLimit-Reset': '15' }, pauseMs: null },
    { name: 'no rate-limit headers', status: 200, pauseMs: null },
    { name: 'a 503 without rate-limit headers', status: 503, pauseMs: null },
  ])('$name', ({ status, headers, retryAfterSeconds, pauseMs }) => {
    const until = pauseFromHeaders(status, new Headers(headers), NOW, retryAfterSeconds);
    expect(until).toBe(pauseMs === null ? null : NOW + pauseMs);
  });
});
