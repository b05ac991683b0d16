// The response cache every Talkover answer goes through: hits, single-flight misses, failures never
// stored, stale-on-error up to 24 h, TTL 0 = off, keys without secrets. Time is a ManualClock:
// moving it must be all it takes for an entry to expire.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import {
  cacheKey,
  createResponseCache,
  MAX_CACHE_BYTES,
  MAX_STALE_MS,
  readThrough as cached,
  ttlSecondsFor,
  type LoadReason,
} from '@/lib/talkover/tiered-cache';
import { talkoverConfigSchema } from '@/lib/talkover/config';
import { callbackStatsRead } from '@/lib/talkover/endpoints';
import { ManualClock } from '../support/manual-clock';

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const KEY = 'test:/callback-agents/stats?end_date=2026-03-15&start_date=2026-03-09';
const TTL_SECONDS = 60;

function setup() {
  const clock = new ManualClock(NOW);
  const cache = createResponseCache(clock);
  /** A load that answers `value-1`, `value-2`, … and records why it was called. */
  const load = vi.fn(async (_reason: LoadReason) => `value-${load.mock.calls.length}`);
  const read = (loader: (reason: LoadReason) => Promise<string> = load, ttlSeconds = TTL_SECONDS) =>
    cached(cache, clock, { key: KEY, ttlSeconds }, loader);
  return { clock, cache, load, read };
}

const failing = (error: unknown) => vi.fn(async (_reason: LoadReason): Promise<string> => Promise.reject(error));

/** A load that stays pending until `resolve` or `reject` is called. */
function deferredLoad() {
  let settle!: { resolve: (value: string) => void; reject: (error: unknown) => void };
  const promise = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  return { load: vi.fn((_reason: LoadReason) => promise), ...settle };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('hit and miss', () => {
  test('the first read loads (miss), the next one within the TTL is served from the cache (hit)', async () => {
    const { clock, load, read } = setup();
    await expect(read()).resolves.toEqual({ value: 'value-1', fetchedAt: new Date(NOW), cache: 'miss', upstreamMs: 0 });
    clock.advance(TTL_SECONDS * 1000);
    await expect(read()).resolves.toEqual({ value: 'value-1', fetchedAt: new Date(NOW), cache: 'hit', upstreamMs: 0 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith('miss');
  });

  test('upstreamMs is the time this read waited on the load, by the injected clock', async () => {
    const { clock, read } = setup();
    const result = await read(async () => {
      await clock.sleep(1_234);
      return 'slow';
    });
    expect(result).toMatchObject({ cache: 'miss', upstreamMs: 1_234, fetchedAt: new Date(NOW + 1_234) });
  });

  test('different keys are different entries', async () => {
    const { cache, clock, load } = setup();
    await cached(cache, clock, { key: 'a', ttlSeconds: TTL_SECONDS }, load);
    const other = await cached(cache, clock, { key: 'b', ttlSeconds: TTL_SECONDS }, load);
    expect(other).toMatchObject({ value: 'value-2', cache: 'miss' });
    expect(cache.size).toBe(2);
  });

  test('an entry expires as soon as the clock passes its TTL: the next read reloads (refresh)', async () => {
    const { clock, load, read } = setup();
    await read();
    clock.advance(TTL_SECONDS * 1000 + 1);
    await expect(read()).resolves.toEqual({ value: 'value-2', fetchedAt: new Date(NOW + 60_001), cache: 'miss', upstreamMs: 0 });
    expect(load.mock.calls.map(([reason]) => reason)).toEqual(['miss', 'refresh']);
  });

  test('expiry does not depend on real time passing between reads (hit, then expiry)', async () => {
    const { clock, load, read } = setup();
    await read();
    await expect(read()).resolves.toMatchObject({ cache: 'hit' });
    clock.advance(TTL_SECONDS * 1000 + 1);
    await expect(read()).resolves.toMatchObject({ value: 'value-2', cache: 'miss' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('single-flight', () => {
  test('concurrent identical misses share one load', async () => {
    const { read } = setup();
    const pending = deferredLoad();
    const reads = Array.from({ length: 50 }, () => read(pending.load));
    pending.resolve('shared');
    const results = await Promise.all(reads);
    expect(pending.load).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((result) => result.value))).toEqual(new Set(['shared']));
    expect(results.every((result) => result.cache === 'miss' && result.fetchedAt.getTime() === NOW)).toBe(true);
  });

  test('concurrent reads of an expired entry share one refresh', async () => {
    const { clock, load, read } = setup();
    await read(load);
    clock.advance(TTL_SECONDS * 1000 + 1);
    const pending = deferredLoad();
    const reads = Array.from({ length: 20 }, () => read(pending.load));
    pending.resolve('refreshed');
    const results = await Promise.all(reads);
    expect(pending.load).toHaveBeenCalledTimes(1);
    expect(pending.load).toHaveBeenCalledWith('refresh');
    expect(results.map((result) => result.value)).toEqual(Array(20).fill('refreshed'));
  });

  test('concurrent misses sharing a failed load all get its error', async () => {
    const { read } = setup();
    const pending = deferredLoad();
    const reads = Array.from({ length: 10 }, () =>
      read(pending.load).then(
        () => 'resolved',
        (error: unknown) => error,
      ),
    );
    const error = new AppError('upstream_unavailable');
    pending.reject(error);
    expect(await Promise.all(reads)).toEqual(Array(10).fill(error));
    expect(pending.load).toHaveBeenCalledTimes(1);
  });
});

describe('failures', () => {
  test('a failed load is not cached: the next read loads again', async () => {
    const { cache, load, read } = setup();
    const error = new AppError('upstream_timeout');
    await expect(read(failing(error))).rejects.toBe(error);
    expect(cache.size).toBe(0);
    await expect(read(load)).resolves.toMatchObject({ value: 'value-1', cache: 'miss' });
    expect(load).toHaveBeenCalledWith('miss');
  });

  test('after expiry a failing refresh serves the stale value with its original fetchedAt', async () => {
    const { clock, read } = setup();
    await read();
    clock.advance(10 * 60_000);
    const refresh = failing(new AppError('upstream_unavailable'));
    await expect(read(refresh)).resolves.toEqual({ value: 'value-1', fetchedAt: new Date(NOW), cache: 'stale', upstreamMs: 0 });
    expect(refresh).toHaveBeenCalledWith('refresh');
  });

  test('the stale value survives the failed refresh: the next read tries again and can still fall back', async () => {
    const { clock, read } = setup();
    await read();
    clock.advance(10 * 60_000);
    const refresh = failing(new AppError('upstream_unavailable'));
    await read(refresh);
    await expect(read(refresh)).resolves.toMatchObject({ value: 'value-1', cache: 'stale' });
    expect(refresh).toHaveBeenCalledTimes(2);
    // And a refresh that works replaces it.
    await expect(read(async () => 'fresh')).resolves.toEqual({ value: 'fresh', fetchedAt: new Date(clock.now()), cache: 'miss', upstreamMs: 0 });
  });

  test('every reader sharing a failed refresh gets the stale value', async () => {
    const { clock, read } = setup();
    await read();
    clock.advance(10 * 60_000);
    const pending = deferredLoad();
    const reads = Array.from({ length: 10 }, () => read(pending.load));
    pending.reject(new AppError('upstream_timeout'));
    const results = await Promise.all(reads);
    expect(pending.load).toHaveBeenCalledTimes(1);
    expect(results.map(({ value, cache }) => `${value}/${cache}`)).toEqual(Array(10).fill('value-1/stale'));
  });

  test('upstreamMs of a stale answer is the time spent on the failed refresh', async () => {
    const { clock, read } = setup();
    await read();
    clock.advance(10 * 60_000);
    const result = await read(async () => {
      await clock.sleep(700);
      throw new AppError('upstream_timeout');
    });
    expect(result).toMatchObject({ cache: 'stale', upstreamMs: 700, fetchedAt: new Date(NOW) });
  });

  test(`a stale value exactly ${MAX_STALE_MS / 3_600_000} h old is still served`, async () => {
    const { clock, read } = setup();
    await read();
    clock.advance(MAX_STALE_MS);
    await expect(read(failing(new AppError('upstream_timeout')))).resolves.toMatchObject({ value: 'value-1', cache: 'stale' });
  });

  test('a stale value older than 24 h is not served: the load error is thrown', async () => {
    expect(MAX_STALE_MS).toBe(24 * 3_600_000);
    const { clock, read } = setup();
    await read();
    clock.advance(MAX_STALE_MS + 1);
    const error = new AppError('upstream_unavailable', { retryable: true });
    await expect(read(failing(error))).rejects.toBe(error);
  });
});

describe('ttlSeconds 0 turns caching off', () => {
  test('every read loads, nothing is stored, nothing is shared', async () => {
    const { cache, load, read } = setup();
    await expect(read(load, 0)).resolves.toEqual({ value: 'value-1', fetchedAt: new Date(NOW), cache: 'miss', upstreamMs: 0 });
    await expect(read(load, 0)).resolves.toMatchObject({ value: 'value-2', cache: 'miss' });
    expect(load.mock.calls.map(([reason]) => reason)).toEqual(['uncached', 'uncached']);
    expect(cache.size).toBe(0);
  });

  test('a failure with caching off is thrown, never hidden by an older entry', async () => {
    const { load, read } = setup();
    await read(load); // an entry exists under the same key
    const error = new AppError('upstream_timeout');
    await expect(read(failing(error), 0)).rejects.toBe(error);
  });
});

describe('memory bound', () => {
  test('all entries together weigh at most 50 MiB: the least recently used go first', async () => {
    const clock = new ManualClock(NOW);
    const cache = createResponseCache(clock);
    // 60 answers of about 1 MiB each (the largest body Talkover may send), sharing one string so
    // the test itself stays small: the cache weighs each as its JSON length.
    const name = 'n'.repeat(1024 * 1024);
    for (let i = 0; i < 60; i += 1) {
      await cached(cache, clock, { key: `k${i}`, ttlSeconds: 3600 }, async () => ({ sources: [{ name }], i }));
    }
    expect(MAX_CACHE_BYTES).toBe(50 * 1024 * 1024);
    expect(cache.calculatedSize).toBeLessThanOrEqual(MAX_CACHE_BYTES);
    expect(cache.size).toBeLessThan(60);
    expect(cache.size).toBeGreaterThanOrEqual(45);
    expect(cache.has('k59')).toBe(true);
    expect(cache.has('k0')).toBe(false);
  });

  test('the limit counts bytes, not entries', async () => {
    const clock = new ManualClock(NOW);
    const cache = createResponseCache(clock, 1_000);
    for (let i = 0; i < 20; i += 1) await cached(cache, clock, { key: `k${i}`, ttlSeconds: 3600 }, async () => 'x'.repeat(98));
    // 100 bytes each as JSON (98 characters and two quotes): ten fit in 1,000.
    expect(cache.size).toBe(10);
    expect(cache.calculatedSize).toBe(1_000);
  });
});

describe('cacheKey', () => {
  test('names the environment and endpoint, with the parameters sorted', () => {
    expect(cacheKey('production', '/callback-agents/stats', { start_date: '2026-03-01', end_date: '2026-03-15' })).toBe(
      'production:/callback-agents/stats?end_date=2026-03-15&start_date=2026-03-01',
    );
  });

  test('equal parameters in any order give the same key; different values or environments do not', () => {
    const a = cacheKey('prod', '/x', { b: '2', a: '1', c: '3' });
    expect(cacheKey('prod', '/x', { c: '3', a: '1', b: '2' })).toBe(a);
    expect(cacheKey('prod', '/x', { a: '1', b: '2', c: '4' })).not.toBe(a);
    expect(cacheKey('staging', '/x', { a: '1', b: '2', c: '3' })).not.toBe(a);
  });

  test('parameter values are encoded, so they cannot forge another key', () => {
    expect(cacheKey('prod', '/x', { a: '1&b=2' })).not.toBe(cacheKey('prod', '/x', { a: '1', b: '2' }));
  });

  test('the stats key holds TALKOVER_ENVIRONMENT and the range, never the token', () => {
    const token = 'talq_cache_key_canary_5e0c7b';
    const config = talkoverConfigSchema.parse({ TALKOVER_API_TOKEN: token, TALKOVER_ENVIRONMENT: 'staging' });
    const { key } = callbackStatsRead({ start: '2026-03-01', end: '2026-03-15' }, '2026-03-20', 'view', config);
    expect(key).toBe('staging:/callback-agents/stats?end_date=2026-03-15&start_date=2026-03-01');
    expect(key).not.toContain(token);
  });
});

describe('ttlSecondsFor', () => {
  const ttls = { cacheTtlSeconds: 60, cacheTtlClosedSeconds: 3_600 };
  test.each([
    ['ended before today (closed)', '2026-03-14', 3_600],
    ['long closed', '2025-01-31', 3_600],
    ['ends today (still changing)', '2026-03-15', 60],
    ['ends after today', '2026-03-16', 60],
  ])('a range that %s gets %i s', (_name, end, seconds) => {
    expect(ttlSecondsFor({ end }, '2026-03-15', ttls)).toBe(seconds);
  });

  test('0 from the settings is passed through (caching off)', () => {
    expect(ttlSecondsFor({ end: '2026-03-15' }, '2026-03-15', { cacheTtlSeconds: 0, cacheTtlClosedSeconds: 3_600 })).toBe(0);
    expect(ttlSecondsFor({ end: '2026-03-01' }, '2026-03-15', { cacheTtlSeconds: 60, cacheTtlClosedSeconds: 0 })).toBe(0);
  });
});
