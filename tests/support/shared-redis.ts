import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { resetSettings } from '@/lib/settings/define-settings';
import { resetRedisAvailability } from '@/lib/store/availability';
import { closeRedisClient, getRedisClient, whenReady } from '@/lib/store/redis-client';
import { startRedisServer, type RedisServer } from '../../scripts/lib/redis-server';

/**
 * One redis-server for a test file, with REDIS_URL pointing at it and every key flushed before
 * each test. `beforeEachTest` runs after the environment is reset and before REDIS_URL is set.
 */
export function setUpSharedRedis(beforeEachTest: () => void = () => {}): RedisServer {
  const redis = {} as RedisServer;
  beforeAll(async () => {
    Object.assign(redis, await startRedisServer());
  });
  afterAll(async () => {
    await closeRedisClient();
    await redis.stop();
  });
  beforeEach(async () => {
    vi.unstubAllEnvs();
    resetRedisAvailability();
    // What the shared keys are scoped by (lib/talkover/key-scope.ts); a test may set its own.
    vi.stubEnv('NEXTAUTH_SECRET', 'shared-redis-tests-session-secret-0123456789');
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
    vi.stubEnv('TALKOVER_API_TOKEN', 'talq_shared_redis_tests');
    resetSettings();
    beforeEachTest();
    vi.stubEnv('REDIS_URL', redis.url);
    const client = getRedisClient(redis.url);
    // After a test that restarted Redis the client may still be reconnecting (back-off ≤ 2 s).
    const ready = () => client.status === 'ready';
    for (const giveUpAt = Date.now() + 5_000; !ready() && Date.now() < giveUpAt;) {
      await whenReady(client, 100);
      if (!ready()) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.flushall();
  });
  return redis;
}
