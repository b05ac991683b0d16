import 'server-only';
import { RateLimiterRedis, RLWrapperTimeouts, type IRateLimiterStoreOptions, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { REDIS_COMMAND_TIMEOUT_MS } from './redis-client';

/**
 * rate-limiter-flexible's Redis limiter held to the shared state's ~100 ms (availability.ts)
 * instead of the connection's 1 s backstop: refused at once while the connection is down
 * (`rejectIfRedisNotReady`), cut off after 100 ms when Redis hangs (the library's
 * RLWrapperTimeouts). Either way its in-memory insurance limiter answers, so a Redis in
 * trouble cannot hold up a sign-in or a page.
 */
export function createBoundedRedisLimiter(options: IRateLimiterStoreOptions & { insuranceLimiter: RateLimiterAbstract }): RateLimiterAbstract {
  const limiter = new RateLimiterRedis({ ...options, rejectIfRedisNotReady: true });
  return new RLWrapperTimeouts({ limiter, timeoutMs: REDIS_COMMAND_TIMEOUT_MS, insuranceLimiter: options.insuranceLimiter });
}
