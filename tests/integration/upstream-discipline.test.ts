// How the dashboard treats Talkover, end to end: the real route handlers against the in-process
// simulator. One upstream call per distinct question (single-flight), stale data when Talkover
// fails, answers within the deadline when it hangs, silence while it says to wait, a budget under
// its rate limit, recovery after every fault, a health report, and the token nowhere.
// A ManualClock drives the budget, pauses, cache TTLs, backoff and the deadline arithmetic; fetch
// timeouts (AbortSignal.timeout) always run in real time.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { GET as getHealth } from '@/app/api/health/route';
import { addDays } from '@/lib/date-range';
import { realClock, type Clock } from '@/lib/talkover/clock';
import { peekUpstreamState, resetUpstreamState } from '@/lib/talkover/upstream-state';
import { faultSchema } from '@/simulator/faults';
import { startSimulator, type Fault } from '@/simulator/server';
import { ManualClock } from '../support/manual-clock';
import { routeRequest, sessionCookie } from '../support/session';
import { setUpStatsRoute, type Answer } from '../support/stats-route';

const TOKEN = 'talq_discipline_canary_93be0d7c1f';
const MINUTE = 60_000;
const route = setUpStatsRoute({
  token: TOKEN,
  simulatorRateLimitPerMinute: 100_000,
  env: { TALKOVER_RATE_LIMIT_PER_MINUTE: '100' },
});
const { get, getAs } = route;
/** The n-th member of the team: the budget tests spread their calls over many people, each well inside their own share. */
const member = (n: number) => `member${n}@example.com`;
let clock: ManualClock;

/** The health detail, as a signed-in member sees it. */
const health = async () =>
  route.read<{ status: string; talkover: Record<string, unknown> }>(
    await getHealth(routeRequest('http://localhost/api/health', await sessionCookie())),
  );

/** A distinct, settled (closed) week for each n. */
const week = (n: number) => `?start_date=${addDays('2025-01-01', n)}&end_date=${addDays('2025-01-07', n)}`;
const CLOSED_RANGE = '?start_date=2025-01-01&end_date=2025-01-31';

/** Real time, so fetch timeouts and the deadline run for real, that can also jump ahead. */
class JumpingClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  sleep(ms: number): Promise<void> {
    return realClock.sleep(ms);
  }
  jump(ms: number): void {
    this.offsetMs += ms;
  }
}

/** A manual clock whose sleepers wake only when `advance` moves past their wake time. */
class SteppedClock implements Clock {
  private sleepers: { at: number; wake: () => void }[] = [];
  constructor(private nowMs = Date.now()) {}
  now(): number {
    return this.nowMs;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.nowMs + ms, wake }));
  }
  advance(ms: number): void {
    this.nowMs += ms;
    const due = this.sleepers.filter((sleeper) => sleeper.at <= this.nowMs);
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.nowMs);
    for (const sleeper of due) sleeper.wake();
  }
  get sleeping(): number {
    return this.sleepers.length;
  }
}

/** The most calls in any 60 s window [t, t + 60 s). */
function busiestMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  for (let start = 0, end = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + MINUTE) end += 1;
    busiest = Math.max(busiest, end - start);
  }
  return busiest;
}

/** What an answer may be while Talkover must not be called: a 503 saying when to retry, or stale data. */
function expectWaitOrStale(answer: Answer) {
  if (answer.status === 200) {
    expect(answer.body.meta).toMatchObject({ cache: 'stale', stale: true });
  } else {
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('upstream_rate_limited');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  }
}

beforeEach(() => {
  // After the shared set-up's reset: the same empty cache and full budget, on a clock that only
  // moves when told.
  clock = new ManualClock();
  resetUpstreamState(clock);
});

describe('single-flight', () => {
  test('200 concurrent identical requests make one upstream call and all get the same answer', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, () => get('?range=30d')));

    expect(route.simulator.requestCount()).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(200));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(answers[0]!.body.meta).toEqual({ fetched_at: new Date(clock.now()).toISOString(), cache: 'miss', stale: false });
    expect(answers[0]!.headers.get('server-timing')).toContain('cache;desc="miss"');

    const later = await get('?range=30d');
    expect(later.status).toBe(200);
    expect(later.body.meta).toEqual({ ...answers[0]!.body.meta, cache: 'hit' });
    expect(later.headers.get('server-timing')).toContain('cache;desc="hit"');
    expect(route.simulator.requestCount()).toBe(1);
  }, 20_000);
});

describe('stale on error', () => {
  test.each([
    { name: 'an open range (TTL 60 s)', query: '?range=7d', ttlMs: 60_000 },
    { name: 'a closed range (TTL 1 h)', query: CLOSED_RANGE, ttlMs: 3_600_000 },
  ])('$name: once expired, a 500 from Talkover serves the last good answer as stale', async ({ query, ttlMs }) => {
    const first = await get(query);
    expect(first.status).toBe(200);
    expect(first.body.meta).toEqual({ fetched_at: new Date(clock.now()).toISOString(), cache: 'miss', stale: false });

    clock.advance(ttlMs + 1);
    route.simulator.setFault({ mode: 'server-error' });
    const stale = await get(query);

    expect(stale.status).toBe(200);
    expect(stale.body.meta).toEqual({ fetched_at: first.body.meta.fetched_at, cache: 'stale', stale: true });
    expect(stale.headers.get('server-timing')).toContain('cache;desc="stale"');
    expect({ ...stale.body, meta: undefined }).toEqual({ ...first.body, meta: undefined });
    // The refresh was tried (once: a 500 is not retried) and failed.
    expect(route.simulator.requestCount()).toBe(2);
  });

  test('without an earlier answer, a 500 from Talkover is a 503 JSON error, not a 500', async () => {
    route.simulator.setFault({ mode: 'server-error' });
    const answer = await get(CLOSED_RANGE);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(answer.body.error.code).toBe('upstream_unavailable');
    expect(route.simulator.requestCount()).toBe(1);
  });

  test('an answer more than 24 h old is not served as stale', async () => {
    await get(CLOSED_RANGE);
    clock.advance(24 * 3_600_000 + 1);
    route.simulator.setFault({ mode: 'server-error' });
    const answer = await get(CLOSED_RANGE);
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('upstream_unavailable');
  });
});

describe('a hung Talkover (real clock: TALKOVER_TIMEOUT_MS=300, TALKOVER_DEADLINE_MS=1000)', () => {
  beforeEach(() => {
    vi.stubEnv('TALKOVER_TIMEOUT_MS', '300');
    vi.stubEnv('TALKOVER_DEADLINE_MS', '1000');
    route.simulator.setFault({ mode: 'hang' });
  });

  test('answers 504 upstream_timeout well under 2 s', async () => {
    resetUpstreamState(realClock);
    const startedAt = performance.now();
    const answer = await get(CLOSED_RANGE);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(answer.status).toBe(504);
    expect(answer.body.error.code).toBe('upstream_timeout');
    expect(route.simulator.requestCount()).toBeGreaterThanOrEqual(1);
    expect(route.simulator.requestCount()).toBeLessThanOrEqual(3);
  });

  test('with an expired answer cached, serves it as stale within the deadline', async () => {
    const jumping = new JumpingClock();
    resetUpstreamState(jumping);
    route.simulator.setFault({ mode: 'none' });
    const first = await get('?range=7d');
    expect(first.status).toBe(200);

    jumping.jump(60_001);
    route.simulator.setFault({ mode: 'hang' });
    const startedAt = performance.now();
    const stale = await get('?range=7d');
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(stale.status).toBe(200);
    expect(stale.body.meta).toEqual({ fetched_at: first.body.meta.fetched_at, cache: 'stale', stale: true });
  });
});

describe('a 429 with Retry-After: 30', () => {
  beforeEach(() => {
    route.simulator.setFault({ mode: 'rate-limited', retryAfterSeconds: 30, times: 1 });
  });

  test('no upstream call at all for 30 s, then calls go through again', async () => {
    const startedAt = clock.now();
    const limited = await get(week(0));
    expect(limited.status).toBe(503);
    expect(limited.body.error.code).toBe('upstream_rate_limited');
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(route.simulator.requestCount()).toBe(1);

    for (const [n, second] of [1, 5, 15, 29].entries()) {
      clock.advance(startedAt + second * 1000 - clock.now());
      const answer = await get(week(n + 1));
      expectWaitOrStale(answer);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe(String(30 - second));
      expect(answer.body.error.retry_after_seconds).toBe(30 - second);
    }
    clock.advance(999);
    expect((await get(week(9))).status).toBe(503);
    expect(route.simulator.requestCount()).toBe(1);

    clock.advance(2);
    const resumed = await get(week(10));
    expect(resumed.status).toBe(200);
    expect(resumed.body.meta.cache).toBe('miss');
    expect(route.simulator.requestCount()).toBe(2);
  });

  test('during the pause, an expired answer is served stale without calling Talkover', async () => {
    route.simulator.setFault({ mode: 'none' });
    const first = await get(week(0));
    clock.advance(3_600_001);
    route.simulator.setFault({ mode: 'rate-limited', retryAfterSeconds: 30, times: 1 });
    expect((await get(week(1))).status).toBe(503);
    expect(route.simulator.requestCount()).toBe(2);

    clock.advance(10_000);
    const stale = await get(week(0));
    expectWaitOrStale(stale);
    expect(stale.status).toBe(200);
    expect(stale.body.meta.fetched_at).toBe(first.body.meta.fetched_at);
    expect(route.simulator.requestCount()).toBe(2);
  });

  test('a call already waiting for a budget slot does not go out during the pause', async () => {
    // Limit 10/min: 9 calls in any 60 s; callers may wait up to 14 s for a slot.
    vi.stubEnv('TALKOVER_RATE_LIMIT_PER_MINUTE', '10');
    vi.stubEnv('TALKOVER_DEADLINE_MS', '15000');
    route.simulator.setFault({ mode: 'none' });
    const stepped = new SteppedClock();
    resetUpstreamState(stepped);
    for (let n = 0; n < 8; n += 1) expect((await getAs(member(n), week(20 + n))).status).toBe(200);
    stepped.advance(50_000);

    route.simulator.setFault({ mode: 'rate-limited', retryAfterSeconds: 30, times: 1 });
    const answers = Promise.all([getAs(member(8), week(0)), getAs(member(9), week(1))]);
    // One request spends the 9th slot and meets the 429; the other has booked the slot that
    // frees 60 s after the first calls, 10 s from now.
    await vi.waitFor(() => expect(stepped.sleeping).toBe(1));
    await vi.waitFor(() => expect(peekUpstreamState()?.lastCall?.outcome).toBe('upstream_rate_limited'));
    stepped.advance(10_000);

    const results = await answers;
    expect(route.simulator.requestCount()).toBe(9);
    for (const answer of results) expectWaitOrStale(answer);
  });
});

test('Talkover saying X-RateLimit-Remaining: 0 stops calls until its reset', async () => {
  // A simulator with a limit of 2 per minute, on the test's clock, so its window moves with it.
  const wholeSecond = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const tight = await startSimulator({ token: TOKEN, port: 0, rateLimitPerMinute: 2, now: () => new Date(wholeSecond.now()) });
  try {
    vi.stubEnv('TALKOVER_API_URL', tight.url);
    resetUpstreamState(wholeSecond);
    expect((await get(week(0))).status).toBe(200);
    expect((await get(week(1))).status).toBe(200); // answered with X-RateLimit-Remaining: 0
    expect(tight.requestCount()).toBe(2);

    const paused = await get(week(2));
    expectWaitOrStale(paused);
    expect(paused.headers.get('retry-after')).toBe('60');
    wholeSecond.advance(59_999);
    expectWaitOrStale(await get(week(3)));
    expect(tight.requestCount()).toBe(2);

    wholeSecond.advance(1);
    expect((await get(week(4))).status).toBe(200);
    expect(tight.requestCount()).toBe(3);
  } finally {
    await tight.close();
  }
});

describe('the budget (TALKOVER_RATE_LIMIT_PER_MINUTE=10: at most 9 calls in any 60 s)', () => {
  beforeEach(() => {
    vi.stubEnv('TALKOVER_RATE_LIMIT_PER_MINUTE', '10');
    // Room for all 30 at the gate: the budget, not the concurrency cap, must be what stops them.
    vi.stubEnv('TALKOVER_MAX_CONCURRENT', '64');
  });

  test.each([
    {
      how: 'concurrently',
      run: () => Promise.all(Array.from({ length: 30 }, (_, n) => getAs(member(n), week(n)))),
    },
    {
      how: 'one after another',
      run: async () => {
        const answers: Answer[] = [];
        for (let n = 0; n < 30; n += 1) answers.push(await getAs(member(n), week(n)));
        return answers;
      },
    },
  ])('30 distinct ranges $how, clock frozen: a burst of 9 calls, the rest told when to retry', async ({ run }) => {
    const answers = await run();

    expect(route.simulator.requestCount()).toBe(9);
    expect(answers.every((answer) => answer.status !== 500)).toBe(true);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(9);
    for (const answer of answers.filter((answer) => answer.status !== 200)) {
      expectWaitOrStale(answer);
      // Nothing was booked by the refusals: each one is told the same minute, when the burst
      // leaves the window.
      expect(answer.headers.get('retry-after')).toBe('60');
    }
  });

  test('callers that can wait (deadline 15 s), one every 4 s for 5 minutes: ≤ 9 calls in any 60 s', async () => {
    vi.stubEnv('TALKOVER_DEADLINE_MS', '15000');
    const callTimes: number[] = [];
    const startedAt = clock.now();
    for (let n = 0; n < 75; n += 1) {
      const due = startedAt + n * 4_000;
      if (clock.now() < due) clock.advance(due - clock.now());
      const answer = await getAs(member(n), week(n));
      if (answer.status === 200) callTimes.push(Date.parse(peekUpstreamState()!.lastCall!.at));
      else expectWaitOrStale(answer);
    }
    expect(route.simulator.requestCount()).toBe(callTimes.length);
    expect(busiestMinute(callTimes)).toBeLessThanOrEqual(9);
    // The callers really were more than the budget, and it was spent: about 9 a minute.
    expect(callTimes.length).toBeGreaterThanOrEqual(5 * 9 - 9);
  });
});

describe('recovery after every fault', () => {
  const FAULTS: { fault: Fault; status: number; pauseMs?: number }[] = [
    { fault: { mode: 'none' }, status: 200 },
    { fault: { mode: 'latency', ms: 50 }, status: 200 },
    { fault: { mode: 'hostile-names' }, status: 200 },
    { fault: { mode: 'unauthorized' }, status: 502 },
    { fault: { mode: 'forbidden' }, status: 502 },
    { fault: { mode: 'rate-limited', retryAfterSeconds: 30 }, status: 503, pauseMs: 30_000 },
    { fault: { mode: 'server-error' }, status: 503 },
    { fault: { mode: 'unavailable' }, status: 503 },
    { fault: { mode: 'hang' }, status: 504 },
    { fault: { mode: 'html' }, status: 502 },
    { fault: { mode: 'wrong-shape' }, status: 502 },
    { fault: { mode: 'success-false' }, status: 503 },
  ];

  test('the table covers every simulator fault mode', () => {
    const modes = faultSchema.options.map((option) => option.shape.mode.value);
    expect(FAULTS.map(({ fault }) => fault.mode).sort()).toEqual([...modes].sort());
  });

  test.each(FAULTS)('after $fault.mode ($status), the next request with the fault cleared answers 200', async ({ fault, status, pauseMs }) => {
    vi.stubEnv('TALKOVER_TIMEOUT_MS', '300');
    route.simulator.setFault(fault);
    const during = await get('?range=7d');
    expect(during.status).toBe(status);
    expect(during.headers.get('content-type')).toMatch(/application\/json/);

    route.simulator.setFault({ mode: 'none' });
    // Only Talkover's own "wait 30 s" has to be waited out.
    if (pauseMs) clock.advance(pauseMs);
    const callsBefore = route.simulator.requestCount();
    const after = await get('?range=90d');
    expect(after.status).toBe(200);
    expect(after.body.meta.cache).toBe('miss');
    expect(route.simulator.requestCount()).toBe(callsBefore + 1);
  });
});

describe('/api/health', () => {
  test('before any call: a full budget and no last call', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.talkover).toMatchObject({ budget_remaining: 90, rate_limit_per_minute: 100, paused_for_seconds: 0, last_call: null });
  });

  test.each<{ name: string; fault: Fault; status: number; outcome: string; remaining: number; paused: number }>([
    { name: 'a good answer', fault: { mode: 'none' }, status: 200, outcome: 'ok', remaining: 53, paused: 0 },
    { name: 'a rejected token', fault: { mode: 'unauthorized' }, status: 401, outcome: 'upstream_rejected_token', remaining: 53, paused: 0 },
    { name: 'a 500', fault: { mode: 'server-error' }, status: 500, outcome: 'upstream_unavailable', remaining: 53, paused: 0 },
    {
      name: 'a 429',
      fault: { mode: 'rate-limited', retryAfterSeconds: 30 },
      status: 429,
      outcome: 'upstream_rate_limited',
      remaining: 0,
      paused: 30,
    },
  ])('after $name: budget, limit and the last call, never the token', async ({ fault, status, outcome, remaining, paused }) => {
    vi.stubEnv('TALKOVER_RATE_LIMIT_PER_MINUTE', '60'); // 54 calls in any 60 s
    route.simulator.setFault(fault);
    await get(CLOSED_RANGE);

    const answer = await health();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    expect(answer.body).toEqual({
      status: 'ok',
      shared_state: 'memory',
      talkover: {
        budget_remaining: remaining,
        rate_limit_per_minute: 60,
        paused_for_seconds: paused,
        in_flight: 0,
        cached_entries: status === 200 ? 1 : 0,
        last_call: { at: new Date(clock.now()).toISOString(), endpoint: '/callback-agents/stats', status, outcome },
      },
    });
    expect(answer.text).not.toContain(TOKEN);
    // Reading the health does not call Talkover.
    expect(route.simulator.requestCount()).toBe(1);
  });
});
