// The rate-limit budget through its store interface, run against both implementations: the
// in-process sliding-window log and the Lua script on a Redis sorted set (a real redis-server
// started here). Both must answer alike; the Redis one must also be one budget for every
// instance that uses it.
import { describe, expect, it } from 'vitest';
import { getRedisClient } from '@/lib/store/redis-client';
import { createUpstreamBudget } from '@/lib/talkover/budget';
import { ManualClock } from '../support/manual-clock';
import { setUpSharedRedis } from '../support/shared-redis';

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const redis = setUpSharedRedis();

const kinds = [
  { kind: 'memory', shared: false },
  { kind: 'redis', shared: true },
] as const;

describe.each(kinds)('the $kind budget', ({ shared }) => {
  const budgetAt = (limit: number, clock = new ManualClock(NOW)) => ({
    clock,
    budget: createUpstreamBudget(limit, clock, { shared, clockTime: true }),
  });

  it('allows a burst of 90% of the limit, then books the first slot a view may wait for', async () => {
    const { budget } = budgetAt(100);
    const burst = await Promise.all(Array.from({ length: 90 }, () => budget.reserve(0)));
    expect(burst.every((reservation) => reservation.ok && reservation.waitMs === 0)).toBe(true);
    expect(await budget.reserve(0)).toEqual({ ok: false, retryAfterMs: 60_000 });
    expect(await budget.reserve(60_000)).toEqual({ ok: true, waitMs: 60_000 });
    expect(await budget.snapshot()).toEqual({ remaining: 0, pausedForMs: 0 });
  });

  it('keeps series calls off the 40% of the minute kept for views, and never makes them wait', async () => {
    const { budget } = budgetAt(100);
    let series = 0;
    while ((await budget.reserve(60_000, { priority: 'series' })).ok) series += 1;
    expect(series).toBe(90 - 36);
    let views = 0;
    while ((await budget.reserve(0)).ok) views += 1;
    expect(views).toBe(36);
  });

  it('frees slots as calls leave the 60 s window, and the rest as they leave the two minutes', async () => {
    const { budget, clock } = budgetAt(10);
    for (let n = 0; n < 9; n += 1) expect((await budget.reserve(0)).ok).toBe(true);
    expect((await budget.reserve(0)).ok).toBe(false);
    clock.advance(60_000);
    // The minute is empty (9 free) but the two minutes hold the burst: 16 − 9.
    expect(await budget.snapshot()).toEqual({ remaining: 7, pausedForMs: 0 });
    expect(await budget.reserve(0)).toEqual({ ok: true, waitMs: 0 });
    clock.advance(60_000);
    expect(await budget.snapshot()).toEqual({ remaining: 9, pausedForMs: 0 });
  });

  it('refuses every call while paused, and the snapshot says for how long', async () => {
    const { budget } = budgetAt(100);
    await budget.pauseUntil(NOW + 30_000);
    const refused = await budget.reserve(10 * 60_000);
    expect(refused.ok).toBe(false);
    // Redis keeps the pause as a key expiring in real time: a few ms may have passed.
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(25_000);
    if (!refused.ok) expect(refused.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect((await budget.snapshot()).remaining).toBe(0);
  });
});

describe('the redis budget across instances', () => {
  const instance = (clock = new ManualClock(NOW)) => createUpstreamBudget(10, clock, { shared: true, clockTime: true });

  it('is one budget: calls booked at one instance are spent at the other', async () => {
    const [first, second] = [instance(), instance()];
    for (let n = 0; n < 5; n += 1) expect((await first.reserve(0)).ok).toBe(true);
    for (let n = 0; n < 4; n += 1) expect((await second.reserve(0)).ok).toBe(true);
    expect(await second.reserve(0)).toEqual({ ok: false, retryAfterMs: 60_000 });
    expect(await first.reserve(0)).toEqual({ ok: false, retryAfterMs: 60_000 });
  });

  it('shares the pause: a 429 seen by one instance stops the other', async () => {
    const [first, second] = [instance(), instance()];
    await first.pauseUntil(NOW + 20_000);
    const refused = await second.reserve(60_000);
    expect(refused.ok).toBe(false);
    expect((await second.snapshot()).pausedForMs).toBeGreaterThan(15_000);
  });

  it('uses Redis time when no clock is passed, so instances with skewed clocks still share slots', async () => {
    // Without clockTime the script reads Redis's TIME: the instances' own clocks, an hour apart, do not matter.
    const [first, second] = [
      createUpstreamBudget(10, new ManualClock(NOW), { shared: true }),
      createUpstreamBudget(10, new ManualClock(NOW + 3_600_000), { shared: true }),
    ];
    for (let n = 0; n < 9; n += 1) expect((await (n % 2 ? first : second).reserve(0)).ok).toBe(true);
    const refused = await first.reserve(0);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(55_000);
  });
});

describe('what Redis answers is bounded', () => {
  it.each([
    ['a wait far past what the caller allows', '{1, 999999999}', { ok: false, retryAfterMs: 1_000 }],
    ['not numbers at all', "{'x', 'y'}", { ok: false, retryAfterMs: 1_000 }],
    ['a refusal a day long', '{0, 86400000}', { ok: false, retryAfterMs: 300_000 }],
  ])('a reservation: %s is never slept on', async (_name, answer, expected) => {
    const client = getRedisClient(redis.url);
    client.defineCommand('callbackStatsBudget', { numberOfKeys: 2, lua: `return ${answer}` });
    try {
      const budget = createUpstreamBudget(100, new ManualClock(NOW), { shared: true, clockTime: true });
      expect(await budget.reserve(5_000)).toEqual(expected);
    } finally {
      // The next test defines the real script again.
      delete (client as unknown as Record<string, unknown>).callbackStatsBudget;
    }
  });

  it('a snapshot: remaining within the limit, a pause within 5 minutes', async () => {
    const client = getRedisClient(redis.url);
    client.defineCommand('callbackStatsBudget', { numberOfKeys: 2, lua: 'return {-5, 86400000}' });
    try {
      const budget = createUpstreamBudget(100, new ManualClock(NOW), { shared: true, clockTime: true });
      expect(await budget.snapshot()).toEqual({ remaining: 0, pausedForMs: 300_000 });
    } finally {
      delete (client as unknown as Record<string, unknown>).callbackStatsBudget;
    }
  });
});
