import 'server-only';
import { LRUCache } from 'lru-cache';
import type { Clock } from './clock';
import type { z } from 'zod';
import { AppError } from '../errors';
import { logOnce } from '../log';
import type { RedisCacheTier, SharedEntry } from './redis-cache-tier';

/**
 * Every Talkover answer the dashboard shows goes through here: two tiers (this process's memory,
 * then Redis when REDIS_URL is set), TTLs, keys, single-flight and stale-on-error, on
 * lru-cache's `fetch()`. Concurrent misses for one key share one upstream call, in this process
 * and across instances (the Redis lock); a failed refresh keeps the previous value (served as
 * stale up to 24 h old); failures themselves are never stored.
 */
export type CacheState = 'hit' | 'miss' | 'stale';
export type Cached<T> = {
  value: T;
  fetchedAt: Date;
  cache: CacheState;
  /** Time this request waited on Talkover (0 for a hit). */
  upstreamMs: number;
};
/** What the upstream call is for, written to its log line. */
export type LoadReason = 'miss' | 'refresh' | 'uncached';

/** `fromShared`: read from the shared tier (another instance called Talkover), so a hit. */
type Entry = { value: unknown; fetchedAt: number; fromShared?: boolean };
type Context = {
  load: (reason: LoadReason) => Promise<unknown>;
  shared?: SharedTier;
};
/**
 * The tier all instances share, how long to wait for another instance's call (the deadline), and
 * the schema of the values: what comes back from Redis is checked like Talkover's answers.
 */
export type SharedTier = { tier: RedisCacheTier; waitMs: number; schema: z.ZodType };
/** The LRU, with the keys this process is loading now (lru-cache does not say which those are). */
export type ResponseCache = LRUCache<string, Entry, Context> & { readonly loading: Set<string> };

export const MAX_STALE_MS = 24 * 3_600_000;
/** How often an instance waiting on another's Talkover call looks for its result. */
export const SHARED_POLL_MS = 40;
const MAX_ENTRIES = 1_000;
/** What all entries together may weigh (each one is an answer of at most 1 MiB, see response-body.ts). */
export const MAX_CACHE_BYTES = 50 * 1024 * 1024;

/** An entry's weight: the length of its value as JSON, about its size in memory. */
export function entrySize(entry: Entry): number {
  return Math.max(1, JSON.stringify(entry.value)?.length ?? 1);
}

export function createResponseCache(clock: Clock, maxBytes = MAX_CACHE_BYTES): ResponseCache {
  const loading = new Set<string>();
  const lru = new LRUCache<string, Entry, Context>({
    max: MAX_ENTRIES,
    // Bounded by weight too: a thousand large answers must not fill the server's memory.
    maxSize: maxBytes,
    sizeCalculation: entrySize,
    ttl: 60_000,
    perf: { now: () => clock.now() },
    // Read the clock on every check (lru-cache otherwise reuses a reading for up to 1 ms of real
    // time), so an entry expires exactly when the injected clock says.
    ttlResolution: 0,
    // Expired entries stay (until evicted) so a failed refresh can fall back on them. The
    // fallback itself is ours (below): every caller sharing the failed fetch must get it.
    noDeleteOnFetchRejection: true,
    fetchMethod: async (key, stale, { context, options }) => {
      const reason = stale === undefined ? 'miss' : 'refresh';
      loading.add(key);
      try {
        if (!context.shared) return { value: await context.load(reason), fetchedAt: clock.now() };
        // Single-flight across instances: the one holding the key's lock calls Talkover; the others
        // poll for its result, and take over if the lock expires. The local entry never outlives
        // the shared one's freshness.
        const { tier, waitMs, schema } = context.shared;
        const ttlMs = options.ttl ?? 60_000;
        const giveUpAt = clock.now() + waitMs;
        for (;;) {
          const found = await readFresh(tier, key, clock, schema);
          if (found) {
            options.ttl = found.ttlMs;
            return { ...found.entry, fromShared: true };
          }
          const release = await tier.lock(key, waitMs);
          if (release) {
            try {
              // Another instance may have written the value between the read and the lock.
              const written = await readFresh(tier, key, clock, schema);
              if (written) {
                options.ttl = written.ttlMs;
                return { ...written.entry, fromShared: true };
              }
              const entry = { value: await context.load(reason), fetchedAt: clock.now() };
              await tier.write(key, entry, ttlMs, MAX_STALE_MS);
              return entry;
            } finally {
              await release();
            }
          }
          if (clock.now() >= giveUpAt) {
            throw new AppError('upstream_unavailable', {
              message: 'Talkover is answering slowly. Try again in a moment.',
              retryAfterSeconds: 5,
            });
          }
          await clock.sleep(SHARED_POLL_MS);
        }
      } finally {
        loading.delete(key);
      }
    },
  });
  return Object.assign(lru, { loading });
}

/**
 * The key names the Talkover environment by its non-secret name, never the token, and sorts the
 * parameters so equal requests share an entry.
 */
export function cacheKey(environment: string, endpoint: string, params: Record<string, string>): string {
  const query = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))).toString();
  return `${environment}:${endpoint}?${query}`;
}

/**
 * Ranges that include today still change: short TTL. Ranges that ended before today are
 * settled: long TTL. Both from the environment; 0 turns caching off.
 */
export function ttlSecondsFor(range: { end: string }, today: string, ttls: { cacheTtlSeconds: number; cacheTtlClosedSeconds: number }): number {
  return range.end < today ? ttls.cacheTtlClosedSeconds : ttls.cacheTtlSeconds;
}

export async function readThrough<T>(
  cache: ResponseCache,
  clock: Clock,
  request: { key: string; ttlSeconds: number },
  load: (reason: LoadReason) => Promise<T>,
  /**
   * `staleOnError`: which failures the previous figures may stand in for (all, unless told
   * otherwise). `shared`: the tier other instances read and write (Redis), and how long to wait
   * for another instance's call.
   */
  options: { staleOnError?: (error: unknown) => boolean; shared?: SharedTier } = {},
): Promise<Cached<T>> {
  const { staleOnError = () => true, shared } = options;
  const startedAt = clock.now();
  if (request.ttlSeconds <= 0) {
    const value = await load('uncached');
    return { value, fetchedAt: new Date(clock.now()), cache: 'miss', upstreamMs: clock.now() - startedAt };
  }

  const status: LRUCache.Status<string, Entry, Context> = {};
  let entry: Entry | undefined;
  try {
    entry = await cache.fetch(request.key, { ttl: request.ttlSeconds * 1000, context: { load, shared }, status });
  } catch (error) {
    const stale = staleOnError(error) ? await findStale(cache, request.key, shared) : undefined;
    if (!stale || clock.now() - stale.fetchedAt > MAX_STALE_MS) throw error;
    return { value: stale.value as T, fetchedAt: new Date(stale.fetchedAt), cache: 'stale', upstreamMs: clock.now() - startedAt };
  }
  // fetch() resolves undefined only if the entry was evicted while its fetch was in flight.
  if (!entry) return readThrough(cache, clock, request, load, options);
  const state: CacheState = status.fetch === 'hit' || entry.fromShared ? 'hit' : 'miss';
  return {
    value: entry.value as T,
    fetchedAt: new Date(entry.fetchedAt),
    cache: state,
    upstreamMs: state === 'hit' ? 0 : clock.now() - startedAt,
  };
}

/**
 * Whether a read of `key` now would call Talkover: nothing fresh here, no load of it already under
 * way here, and (with the shared tier) nothing fresh there either. A fresh shared entry is copied
 * here, so the read that follows is a hit. Members are charged for a miss before they join it.
 */
export async function willCallTalkover(cache: ResponseCache, clock: Clock, key: string, shared?: SharedTier): Promise<boolean> {
  if (cache.has(key) || cache.loading.has(key)) return false;
  if (!shared) return true;
  const found = await readFresh(shared.tier, key, clock, shared.schema);
  if (!found) return true;
  cache.set(key, { ...found.entry, fromShared: true }, { ttl: found.ttlMs });
  return false;
}

/** The last good value: this process's, else the one kept in the shared tier (a cold instance). */
async function findStale(cache: ResponseCache, key: string, shared: SharedTier | undefined): Promise<Entry | undefined> {
  const local = cache.get(key, { allowStale: true, noDeleteOnStaleGet: true });
  if (local || !shared) return local;
  const found = await shared.tier.read(key);
  return found && isValid(found.entry.value, shared.schema, key) ? found.entry : undefined;
}

/** The shared entry while it is fresh and valid, with how much longer it stays fresh. */
async function readFresh(
  tier: RedisCacheTier,
  key: string,
  clock: Clock,
  schema: z.ZodType,
): Promise<{ entry: SharedEntry; ttlMs: number } | null> {
  const found = await tier.read(key);
  const now = clock.now();
  if (!found || found.freshUntil <= now || !isValid(found.entry.value, schema, key)) return null;
  return { entry: found.entry, ttlMs: Math.max(1, found.freshUntil - now) };
}

/** A value from Redis that is not what Talkover answers is a miss, logged once per key. */
function isValid(value: unknown, schema: z.ZodType, key: string): boolean {
  if (schema.safeParse(value).success) return true;
  logOnce(`shared_cache_invalid:${key}`, { event: 'shared_cache_invalid', key });
  return false;
}
