import 'server-only';
import type { Redis } from 'ioredis';
import { getRedisClient, REDIS_COMMAND_TIMEOUT_MS, whenReady } from './redis-client';
import { getRedisSettings } from './redis-settings';

/**
 * Redis failing is survivable: `withRedis` answers from the in-process fallback when Redis is
 * unset, down or slow. The first failure logs `redis_unavailable` and makes health `degraded`;
 * Redis is retried after a short back-off, and the first success logs `redis_recovered`.
 */
export const RETRY_AFTER_FAILURE_MS = 1_000;

type Availability = { degraded: boolean; retryAt: number };
const KEY = Symbol.for('callback-stats.redis-availability');
type Holder = { [KEY]?: Availability };

function availability(): Availability {
  return ((globalThis as Holder)[KEY] ??= { degraded: false, retryAt: 0 });
}

const WATCHED = Symbol.for('callback-stats.redis-watched');

/** The connection when REDIS_URL is set, else null (in-process state only). */
export function getSharedRedis(): Redis | null {
  const settings = getRedisSettings();
  if (!settings) return null;
  const redis = getRedisClient(settings.url);
  const watched = redis as Redis & { [WATCHED]?: true };
  if (!watched[WATCHED]) {
    watched[WATCHED] = true;
    // A lost connection is degraded at once, even if every request is a hit in memory.
    redis.on('close', () => markUnavailable(new Error('connection to Redis lost')));
  }
  return redis;
}

export async function withRedis<T>(operation: (redis: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
  const redis = getSharedRedis();
  if (!redis) return fallback();
  const state = availability();
  if (state.degraded && Date.now() < state.retryAt) return fallback();
  try {
    await whenReady(redis);
    const result = await withinTimeout(operation(redis), REDIS_COMMAND_TIMEOUT_MS);
    markRecovered();
    return result;
  } catch (error) {
    markUnavailable(error);
    return fallback();
  }
}

/**
 * Fails an operation Redis has not answered within `ms`. The refusal waits one setImmediate so a
 * reply that arrived while this process was busy is read first: only Redis being slow counts.
 */
function withinTimeout<T>(operation: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => setImmediate(() => reject(new Error('Redis did not answer in time'))), ms);
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function markUnavailable(error: unknown): void {
  const state = availability();
  state.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
  if (state.degraded) return;
  state.degraded = true;
  // The error's name and message only: ioredis messages hold no URL or password.
  const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown';
  console.warn(JSON.stringify({ event: 'redis_unavailable', reason }));
}

function markRecovered(): void {
  const state = availability();
  if (!state.degraded) return;
  state.degraded = false;
  console.info(JSON.stringify({ event: 'redis_recovered' }));
}

/** For /api/health. Past the back-off it PINGs, so health recovers without waiting for a request. */
export async function isRedisDegraded(): Promise<boolean> {
  const state = availability();
  if (!getSharedRedis() || !state.degraded) return false;
  if (Date.now() >= state.retryAt)
    await withRedis(
      (redis) => redis.ping(),
      () => null,
    );
  return availability().degraded;
}

/** Tests: forget the degraded state. */
export function resetRedisAvailability(): void {
  delete (globalThis as Holder)[KEY];
}
