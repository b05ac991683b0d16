import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { resetRedisAvailability } from '@/lib/store/availability';
import { closeRedisClient, getRedisClient, whenReady } from '@/lib/store/redis-client';
import { startTestRedis, type TestRedis } from './redis-server';

/**
 * One redis-server for a test file, with REDIS_URL pointing at it and every key flushed before
 * each test. `beforeEachTest` runs after the environment is reset and before REDIS_URL is set.
 */
export function setUpSharedRedis(beforeEachTest: () => void = () => {}): TestRedis {
  const redis = {} as TestRedis;
  beforeAll(async () => {
    Object.assign(redis, await startTestRedis());
  });
  afterAll(async () => {
    await closeRedisClient();
    await redis.stop();
  });
  beforeEach(async () => {
    vi.unstubAllEnvs();
    resetRedisAvailability();
    beforeEachTest();
    vi.stubEnv('REDIS_URL', redis.url);
    const client = getRedisClient(redis.url);
    await whenReady(client, 5_000);
    await client.flushall();
  });
  return redis;
}
