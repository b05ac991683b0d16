// Trend buckets are cache misses like any other: charged to the member who caused them (their
// own per-minute series share inside their share of the budget), so one member walking through
// 92-day daily trends cannot spend what the others need. Against the simulator, on a faked Date
// that the budget, the cache and the members' shares all read, so two minutes take no real time.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { GET as getSeries } from '@/app/api/stats/series/route';
import { GET as getStats } from '@/app/api/stats/route';
import { GET as getExport } from '@/app/api/stats/export/route';
import { addDays } from '@/lib/date-range';
import type { ErrorEnvelope } from '@/lib/http';
import type { toSeriesJson } from '@/lib/stats/series';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { fakeDateClock } from '../support/manual-clock';
import { routeRequest, sessionCookie } from '../support/session';
import { setUpStatsRoute, type Answer, type StatsRouteBody } from '../support/stats-route';

const TOKEN = 'talq_member_share_trends_canary_5c1a';
const route = setUpStatsRoute({
  token: TOKEN,
  simulatorRateLimitPerMinute: 100_000,
  env: { TALKOVER_RATE_LIMIT_PER_MINUTE: '100' },
});
const WALKER = 'walker@example.com';
const READER = 'reader@example.com';

type SeriesBody = ReturnType<typeof toSeriesJson> & ErrorEnvelope;

/** A settled 92-day window for each n, going back from 2025, none overlapping another. */
const dailyWindow = (n: number) => `start_date=${addDays('2025-10-01', -n * 92 - 91)}&end_date=${addDays('2025-10-01', -n * 92)}&interval=day`;
/** A settled week for each n, far from the walker's windows. */
const week = (n: number) => `start_date=${addDays('2026-01-05', n * 7)}&end_date=${addDays('2026-01-11', n * 7)}`;

async function ask<Body>(handler: typeof getStats, path: string, email: string): Promise<Answer<Body>> {
  return route.read<Body>(await handler(routeRequest(`http://localhost${path}`, await sessionCookie({ email }))));
}
const series = (email: string, query: string) => ask<SeriesBody>(getSeries, `/api/stats/series?${query}`, email);
const stats = (email: string, query: string) => ask<StatsRouteBody>(getStats, `/api/stats?${query}`, email);
const loaded = (body: SeriesBody) => body.buckets.filter((bucket) => bucket.totals !== null).length;
/** At TALKOVER_RATE_LIMIT_PER_MINUTE=100: a share of 40 misses a minute, 32 of them buckets. */
const SHARE = 40;
const SERIES_SHARE = 32;

beforeEach(() => {
  // Today, so the sessions the test signs are neither expired nor from the future.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  resetUpstreamState(fakeDateClock((ms) => vi.setSystemTime(ms)));
});
afterEach(() => vi.useRealTimers());

describe('one member walking 92-day daily trends as fast as the app allows', () => {
  test('for two minutes, another member opening a new range every 10 s always gets figures', async () => {
    const startedAt = Date.now();
    const reader: { at: number; status: number; cache: string | undefined; code: string | undefined }[] = [];
    let window = 0;
    for (let second = 0; Date.now() - startedAt < 120_000; second += 1) {
      // The walker opens a new window every second, as the page would: its trend and its figures.
      const trend = await series(WALKER, dailyWindow(window));
      expect(trend.status, trend.text).toBe(200);
      await stats(WALKER, dailyWindow(window));
      window += 1;
      if (second % 10 === 0) {
        const answer = await stats(READER, week(reader.length));
        reader.push({ at: Date.now() - startedAt, status: answer.status, cache: answer.body.meta?.cache, code: answer.body.error?.code });
      }
      vi.setSystemTime(Date.now() + 1_000);
    }
    // The walker's two minutes cost Talkover at most two shares (80 calls; 126 before buckets
    // were charged), the reader one call a view.
    expect(route.simulator.requestCount() - reader.length).toBeLessThanOrEqual(2 * SHARE);
    expect(reader.length).toBeGreaterThanOrEqual(12);
    // Every view of the reader: 200 with figures from Talkover (fresh) or the cache, never a 503.
    expect(reader.filter((view) => view.status !== 200)).toEqual([]);
    expect(reader.every((view) => view.cache === 'miss' || view.cache === 'hit' || view.cache === 'stale')).toBe(true);
  });
});

describe("a member's own trends", () => {
  test('a cold 90-day weekly trend loads at once, with its figures, inside the share', async () => {
    const range = 'start_date=2025-01-01&end_date=2025-03-31';
    const trend = await series(WALKER, `${range}&interval=week`);
    expect(trend.status).toBe(200);
    expect(trend.body.buckets).toHaveLength(14);
    expect(trend.body.meta.complete).toBe(true);
    expect((await stats(WALKER, `${range}&compare=previous`)).status).toBe(200);
  });

  test('a cold 92-day daily trend loads its share now and completes over the next minutes, every answer 200', async () => {
    const range = 'start_date=2025-01-01&end_date=2025-04-02&interval=day';
    const answers: number[] = [];
    for (let minute = 0; minute < 5; minute += 1) {
      const trend = await series(WALKER, range);
      expect(trend.status).toBe(200);
      expect(trend.body.buckets).toHaveLength(92);
      expect(trend.body.meta.missing).toHaveLength(92 - loaded(trend.body));
      answers.push(loaded(trend.body));
      if (trend.body.meta.complete) break;
      // Between asks, the member's own figures still load: the trend never takes the whole share.
      expect((await stats(WALKER, `start_date=2025-06-0${minute + 1}&end_date=2025-06-0${minute + 1}`)).status).toBe(200);
      vi.setSystemTime(Date.now() + 61_000);
    }
    expect(answers).toEqual([SERIES_SHARE, 2 * SERIES_SHARE, 92]);
  });

  test('a trend cut by a spent share answers 200 with every bucket in meta.missing, not an error', async () => {
    for (let n = 0; n < SHARE; n += 1) expect((await stats(WALKER, week(n))).status).toBe(200);
    expect((await stats(WALKER, week(SHARE))).status).toBe(429);
    const trend = await series(WALKER, 'start_date=2025-02-03&end_date=2025-02-09&interval=day');
    expect(trend.status).toBe(200);
    expect(trend.body.meta.complete).toBe(false);
    expect(trend.body.meta.missing).toHaveLength(7);
    // Another member asking for the same trend loads it.
    expect((await series(READER, 'start_date=2025-02-03&end_date=2025-02-09&interval=day')).body.meta.complete).toBe(true);
  });

  test('the CSV export is charged like the page: its buckets, totals and comparison count', async () => {
    const csv = await getExport(
      routeRequest('http://localhost/api/stats/export?start_date=2025-01-01&end_date=2025-01-31', await sessionCookie({ email: WALKER })),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    route.seen.push(await csv.text());
    // 31 daily buckets, the totals and the previous period's: 33 misses of 40.
    const after = [];
    for (let n = 0; n < SHARE - 33 + 1; n += 1) after.push((await stats(WALKER, week(n))).status);
    expect(after).toEqual([...Array(SHARE - 33).fill(200), 429]);
  });
});
