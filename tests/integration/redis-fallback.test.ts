// Redis failing is survivable: GET /api/stats with REDIS_URL set, against a real redis-server
// that the test SIGKILLs and restarts. While it is gone every request is answered (from this
// process's own cache and budget), /api/health says "degraded" (still 200), and one line is
// logged per transition; when it is back, health recovers and state is shared again.
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { addDays } from '@/lib/date-range';
import { resetRedisAvailability } from '@/lib/store/availability';
import { closeRedisClient, getRedisClient, whenReady } from '@/lib/store/redis-client';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { setUpStatsRoute } from '../support/stats-route';
import { startRedisServer, type RedisServer } from '../../scripts/lib/redis-server';

const env: Record<string, string> = { TALKOVER_RATE_LIMIT_PER_MINUTE: '1000' };
const route = setUpStatsRoute({ token: 'talq_redis_fallback_canary_51c2', simulatorRateLimitPerMinute: 100_000, env });
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
  env.REDIS_URL = redis.url;
  await whenReady(getRedisClient(redis.url), 5_000);
});
afterAll(async () => {
  await closeRedisClient();
  await redis.stop();
});

const week = (n: number) => `?start_date=${addDays('2025-03-01', n)}&end_date=${addDays('2025-03-07', n)}`;
const healthStatus = async () => {
  const response = await health(new NextRequest('http://localhost/api/health'));
  return { code: response.status, body: (await response.json()) as { status: string } };
};
const events = (name: string) => route.seen.filter((line) => line.includes(`"event":"${name}"`)).length;

describe('with REDIS_URL', () => {
  it('shares the cache: another instance answers a range one instance fetched without calling Talkover', async () => {
    resetRedisAvailability();
    expect((await route.get(week(0))).status).toBe(200);
    resetUpstreamState(); // a second instance: empty in-process cache
    const again = await route.get(week(0));
    expect(again.status).toBe(200);
    expect(again.body.meta.cache).toBe('hit');
    expect(route.simulator.requestCount()).toBe(1);
  });

  it('answers every request while Redis is killed, reports degraded, then recovers', async () => {
    resetRedisAvailability();
    expect((await route.get(week(1))).status).toBe(200);
    await redis.kill();
    const during = [];
    for (let n = 2; n < 12; n += 1) during.push((await route.get(week(n))).status);
    expect(during).toEqual(Array(10).fill(200));
    expect(await healthStatus()).toEqual({ code: 200, body: { status: 'degraded' } });
    expect(events('redis_unavailable')).toBe(1);

    await redis.start();
    const giveUpAt = Date.now() + 20_000;
    while ((await healthStatus()).body.status !== 'ok' && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await healthStatus()).toEqual({ code: 200, body: { status: 'ok' } });
    expect(events('redis_recovered')).toBe(1);
    expect((await route.get(week(1))).status).toBe(200);
    vi.restoreAllMocks();
  }, 30_000);
});
