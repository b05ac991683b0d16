// The stats cache with and without the shared tier (Redis, on a real redis-server): each
// "instance" is its own lru-cache, as in separate processes; with Redis they share values,
// single-flight and stale values.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { resetSettings } from '@/lib/settings/define-settings';
import { getRedisClient } from '@/lib/store/redis-client';
import { createResponseCache, readThrough } from '@/lib/talkover/tiered-cache';
import { realClock, type Clock } from '@/lib/talkover/clock';
import { createRedisCacheTier } from '@/lib/talkover/redis-cache-tier';
import { ManualClock } from '../support/manual-clock';
import { setUpSharedRedis } from '../support/shared-redis';

const redis = setUpSharedRedis();

const request = { key: 'default:/callback-agents/stats?end_date=2026-01-07&start_date=2026-01-01', ttlSeconds: 60 };

/** An instance: its own in-process cache, and the shared tier if `shared`. */
function instance(shared: boolean, clock: Clock = realClock) {
  const cache = createResponseCache(clock);
  const tier = shared ? { tier: createRedisCacheTier(), waitMs: 5_000, schema: z.object({ total: z.number() }) } : undefined;
  return <T>(load: () => Promise<T>, staleOnError?: () => boolean) => readThrough(cache, clock, request, load, { shared: tier, staleOnError });
}

const slowLoad = (calls: { count: number }, value: unknown) => async () => {
  calls.count += 1;
  await new Promise((resolve) => setTimeout(resolve, 150));
  return value;
};

describe.each([
  { kind: 'in-process', shared: false },
  { kind: 'redis', shared: true },
])('the $kind cache', ({ shared }) => {
  it('makes concurrent misses in one instance one call, then answers hits', async () => {
    const get = instance(shared);
    const calls = { count: 0 };
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(slowLoad(calls, { total: 7 }))));
    expect(calls.count).toBe(1);
    expect(answers.every((answer) => (answer.value as { total: number }).total === 7)).toBe(true);
    expect((await get(slowLoad(calls, { total: 8 }))).cache).toBe('hit');
    expect(calls.count).toBe(1);
  });

  it('serves the previous figures as stale when a refresh fails', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 8));
    const get = instance(shared, clock);
    await get(async () => ({ total: 1 }));
    clock.advance(61_000);
    const answer = await get(async () => Promise.reject(new Error('Talkover down')));
    expect(answer).toMatchObject({ cache: 'stale', value: { total: 1 } });
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the redis cache across instances', () => {
  it('answers a value cached by one instance as a hit at the other, without calling Talkover', async () => {
    const [first, second] = [instance(true), instance(true)];
    await first(async () => ({ total: 3 }));
    const calls = { count: 0 };
    const answer = await second(slowLoad(calls, { total: 4 }));
    expect(answer).toMatchObject({ cache: 'hit', value: { total: 3 }, upstreamMs: 0 });
    expect(calls.count).toBe(0);
  });

  it('makes concurrent misses split across two instances one call: the other waits for its result', async () => {
    const instances = [instance(true), instance(true)];
    const calls = { count: 0 };
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => instances[n % 2]!(slowLoad(calls, { total: 9 }))));
    expect(calls.count).toBe(1);
    expect(answers.every((answer) => (answer.value as { total: number }).total === 9)).toBe(true);
  });

  it('gives a cold instance the stale value another one stored, when its own refresh fails', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 8));
    await instance(true, clock)(async () => ({ total: 5 }));
    clock.advance(120_000);
    const answer = await instance(true, clock)(async () => Promise.reject(new Error('Talkover down')));
    expect(answer).toMatchObject({ cache: 'stale', value: { total: 5 } });
  });

  it('keeps entries in Redis until the stale horizon, under the prefix and environment, never a token', async () => {
    vi.stubEnv('TALKOVER_ENVIRONMENT', 'staging');
    vi.stubEnv('TALKOVER_API_TOKEN', 'talq_shared_cache_canary');
    await instance(true)(async () => ({ total: 2 }));
    const client = getRedisClient(redis.url);
    const keys = await client.keys('*');
    // The scope: the environment, then 16 characters of an HMAC of the token (never the token).
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^callback-stats:staging:[\\w-]{16}:cache:${escape(request.key)}$`))]);
    expect(keys[0]).not.toContain('talq_');
    expect(await client.pttl(keys[0]!)).toBeGreaterThan(23 * 3_600_000);
    expect(JSON.stringify(await client.get(keys[0]!))).not.toContain('talq_');
  });

  it('never shares an entry between dashboards with different tokens, even on one Redis and environment', async () => {
    vi.stubEnv('TALKOVER_API_TOKEN', 'talq_first_dashboard');
    await instance(true)(async () => ({ total: 1 }));
    vi.stubEnv('TALKOVER_API_TOKEN', 'talq_second_dashboard');
    resetSettings();
    const second = await instance(true)(async () => ({ total: 2 }));
    expect(second).toMatchObject({ cache: 'miss', value: { total: 2 } });
    expect(await getRedisClient(redis.url).keys('*:cache:*')).toHaveLength(2);
  });

  it('treats an entry that is not what Talkover answers as a miss (and says so once in the log)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = getRedisClient(redis.url);
    await instance(true)(async () => ({ total: 3 }));
    const [key] = await client.keys('*:cache:*');
    await client.set(key!, JSON.stringify({ value: { total: 'lots' }, fetchedAt: Date.now(), freshUntil: Date.now() + 60_000 }));
    const answer = await instance(true)(async () => ({ total: 4 }));
    expect(answer).toMatchObject({ cache: 'miss', value: { total: 4 } });
    expect(errors.mock.calls.filter(([line]) => String(line).includes('shared_cache_invalid'))).toHaveLength(1);
    errors.mockRestore();
  });
});
