// Each member's fair share of the Talkover budget: cache misses per minute, half the dashboard's
// budget (TALKOVER_RATE_LIMIT_PER_MINUTE=100 → a budget of 80 → a share of 40). Past it, that
// member gets a 429 with Retry-After, on /api/stats and as a panel on the page; the others are
// not affected, and cache hits stay free. Date is faked (only Date), so the budget's refill and
// the members' minutes move together when the test moves time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KpiSection } from '@/components/stats/kpi-section';
import { addDays } from '@/lib/date-range';
import type { AppError } from '@/lib/errors';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { getCallbackStats, memberCaller } from '@/lib/talkover';
import { parseView } from '@/lib/view/stats-view';
import { renderInEnglish } from '../support/render-in-english';
import { setUpStatsRoute, type Answer } from '../support/stats-route';
import { SIGNED_IN_EMAIL } from '../support/session';

// The retry button is a client component that needs Next's app router mounted; it is not what
// this file tests.
vi.mock('@/components/stats/retry-button', () => ({ RetryButton: () => null }));

const TOKEN = 'talq_member_share_canary_0b7e4d';
const route = setUpStatsRoute({
  token: TOKEN,
  simulatorRateLimitPerMinute: 100_000,
  env: { TALKOVER_RATE_LIMIT_PER_MINUTE: '100', TALKOVER_CACHE_TTL_SECONDS: '60' },
});
const SHARE = 40;
const START = Date.UTC(2026, 5, 10, 9, 0, 0);
const OTHER = 'bo@example.com';

/** A distinct, settled week for each n. */
const week = (n: number) => `?start_date=${addDays('2025-01-01', n)}&end_date=${addDays('2025-01-07', n)}`;

/** The member asks for `count` new ranges from `first`, a second apart (so the budget keeps up). */
async function stepThrough(first: number, count: number, as = SIGNED_IN_EMAIL): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let n = first; n < first + count; n += 1) {
    vi.setSystemTime(Date.now() + 1_000);
    answers.push(await route.getAs(as, week(n)));
  }
  return answers;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: START });
  resetUpstreamState();
});
afterEach(() => vi.useRealTimers());

describe('a member past their share of cache misses', () => {
  it('gets 429 member_rate_limited with Retry-After and a clear message; Talkover is not called', async () => {
    const within = await stepThrough(0, SHARE);
    expect(within.map((answer) => answer.status)).toEqual(Array(SHARE).fill(200));
    expect(route.simulator.requestCount()).toBe(SHARE);

    const [refused] = await stepThrough(SHARE, 1);
    expect(refused!.status).toBe(429);
    const retryAfter = Number(refused!.headers.get('retry-after'));
    // Their minute started with their first miss, 41 s ago on this clock.
    expect(retryAfter).toBe(60 - SHARE);
    expect(refused!.body.error).toEqual({
      code: 'member_rate_limited',
      message: `You have asked for many new date ranges in the last minute; try again in ${retryAfter} seconds.`,
      retry_after_seconds: retryAfter,
    });
    expect(route.simulator.requestCount()).toBe(SHARE);
  });

  it('leaves other members unaffected, and cache hits free', async () => {
    await stepThrough(0, SHARE);
    expect((await stepThrough(SHARE, 1))[0]!.status).toBe(429);

    // Someone else asks for new ranges: answered.
    const other = await stepThrough(100, 5, OTHER);
    expect(other.map((answer) => answer.status)).toEqual(Array(5).fill(200));
    // The refused member can still read anything already cached, theirs or someone else's.
    expect((await route.getAs(SIGNED_IN_EMAIL, week(3))).body.meta.cache).toBe('hit');
    expect((await route.getAs(SIGNED_IN_EMAIL, week(102))).status).toBe(200);
  });

  it('gets a fresh share once their minute is over', async () => {
    await stepThrough(0, SHARE);
    expect((await stepThrough(SHARE, 1))[0]!.status).toBe(429);
    vi.setSystemTime(START + 61_000);
    expect((await stepThrough(SHARE, 1))[0]!.status).toBe(200);
  });

  it('is not charged for joining a miss already on its way', async () => {
    const answers = await Promise.all(Array.from({ length: SHARE + 20 }, () => route.getAs(SIGNED_IN_EMAIL, '?range=30d')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(route.simulator.requestCount()).toBe(1);
    // One miss counted, so the share still has room for 39 more.
    expect((await stepThrough(0, SHARE - 1)).every((answer) => answer.status === 200)).toBe(true);
  });

  it("is refused before joining a miss, so another member's read of it still loads", async () => {
    await stepThrough(0, SHARE);
    const range = { start: '2026-01-01', end: '2026-01-07', timeZone: 'UTC' };
    // Started in the same tick: the first member's share refuses them before they reach the
    // cache, so the second member's read is the miss that calls Talkover.
    const [refused, joined] = await Promise.allSettled([
      getCallbackStats(range, { caller: memberCaller(SIGNED_IN_EMAIL) }),
      getCallbackStats(range, { caller: memberCaller(OTHER) }),
    ]);
    expect(refused.status === 'rejected' && (refused.reason as AppError).kind).toBe('member_rate_limited');
    expect(joined.status === 'fulfilled' && joined.value.cache).toBe('miss');
  });

  it('is never named in a log line or an answer', async () => {
    await stepThrough(0, SHARE + 1);
    for (const text of route.seen) expect(text).not.toContain(SIGNED_IN_EMAIL);
  });

  it('sees the refusal as a panel in the stats section of the page, not an error page', async () => {
    await stepThrough(0, SHARE);
    const parsed = parseView(
      { start_date: ['2025-06-01'], end_date: ['2025-06-07'] },
      { now: new Date(), timeZone: 'UTC', weekStart: 'monday' },
    );
    if (!parsed.ok) throw new Error('the range is valid');
    const section = async (requester: string) => renderInEnglish(await KpiSection({ view: parsed.view, requester }));

    const refused = await section(SIGNED_IN_EMAIL);
    expect(refused).toContain('role="alert"');
    expect(refused).toContain('Too many new date ranges');
    expect(refused).toMatch(/You have asked for many new date ranges in the last minute; try again in \d+ seconds\./);
    expect(refused).not.toContain('Answer rate');
    // Another member asking for the same range gets the figures.
    const figures = await section(OTHER);
    expect(figures).not.toContain('Too many new date ranges');
    expect(figures).toContain('Answer rate');
  });
});
