import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { logOnce } from '../log';
import { withRedis } from '../store/availability';
import { sharedKey } from '../store/keys';
import { talkoverKeyScope } from './key-scope';

/** A cached answer as every instance stores it: the value and when Talkover gave it. */
export type SharedEntry = { value: unknown; fetchedAt: number };
export type SharedRead = { entry: SharedEntry; freshUntil: number } | null;
export type ReleaseLock = () => Promise<void>;

/** Redis behind the in-process cache; without Redis it acts empty and unlocked, so the process carries on alone. */
export interface RedisCacheTier {
  read(key: string): Promise<SharedRead>;
  /** Keeps the entry until its stale horizon; it counts as fresh for `ttlMs`. */
  write(key: string, entry: SharedEntry, ttlMs: number, keepMs: number): Promise<void>;
  /** The right to call Talkover for `key` for `ttlMs`, or null when another instance has it. */
  lock(key: string, ttlMs: number): Promise<ReleaseLock | null>;
}

/** The envelope every instance writes; the value inside is checked against its endpoint's schema by the reader. */
const storedEntrySchema = z.object({ value: z.unknown(), fetchedAt: z.number().finite(), freshUntil: z.number().finite() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const noLockToRelease: ReleaseLock = async () => {};

/** Values as JSON `{ value, fetchedAt, freshUntil }`, kept (PX) until the stale horizon. */
export function createRedisCacheTier(): RedisCacheTier {
  return {
    read: (key) =>
      withRedis(
        async (redis) => {
          const text = await redis.get(sharedKey(talkoverKeyScope(), 'cache', key));
          if (!text) return null;
          const stored = storedEntrySchema.safeParse(parseJson(text));
          if (!stored.success) {
            logOnce(`shared_cache_invalid:${key}`, { event: 'shared_cache_invalid', key });
            return null;
          }
          const { value, fetchedAt, freshUntil } = stored.data;
          return { entry: { value, fetchedAt }, freshUntil };
        },
        () => null,
      ),
    write: (key, entry, ttlMs, keepMs) =>
      withRedis(
        async (redis) => {
          const text = JSON.stringify({ ...entry, freshUntil: entry.fetchedAt + ttlMs });
          await redis.set(sharedKey(talkoverKeyScope(), 'cache', key), text, 'PX', Math.max(ttlMs, keepMs));
        },
        () => undefined,
      ),
    lock: (key, ttlMs) =>
      withRedis<ReleaseLock | null>(
        async (redis) => {
          const lockKey = sharedKey(talkoverKeyScope(), 'lock', key);
          const token = randomUUID();
          const taken = await redis.set(lockKey, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
          if (taken !== 'OK') return null;
          // Only the holder's token deletes the lock (it may have expired and been retaken).
          return () =>
            withRedis(
              async (r) => void (await r.eval(RELEASE_SCRIPT, 1, lockKey, token)),
              () => undefined,
            );
        },
        // No Redis: this process's own single-flight (lru-cache) is the only lock there is.
        () => noLockToRelease,
      ),
  };
}
