import { describe, expect, it, test, vi } from 'vitest';
import { addDays, todayIn } from '@/lib/date-range';
import { getStatsForRange } from '@/simulator/data';
import type { Fault } from '@/simulator/server';
import { setUpStatsRoute } from '../support/stats-route';

const TOKEN = 'talq_integration_canary_4f1d2c9a7b';
const route = setUpStatsRoute({ token: TOKEN, simulatorRateLimitPerMinute: 10_000 });
const { get, seen } = route;

describe('GET /api/stats', () => {
  it('answers 401 JSON without a session, and does not call Talkover', async () => {
    route.signOut();
    const { status, body } = await get('?range=7d');
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthorized');
    expect(route.simulator.requestCount()).toBe(0);
  });

  test.each([
    ['?start_date=2026-02-30&end_date=2026-03-01', 'invalid_date', /not a real date/],
    ['?start_date=2025-03-10&end_date=2025-03-01', 'reversed_range', /after the end date/],
    ['?start_date=2020-01-01&end_date=2022-01-01', 'range_too_long', /longest allowed is 366 days/],
    ['?range=fortnight', 'unknown_range', /Unknown range "fortnight"/],
    ['?range=7d&range=30d', 'repeated_param', /more than once/],
    ['?range=7d&start_date=2025-01-01', 'conflicting_params', /not both/],
    ['?start_date=2025-01-01', 'incomplete_range', /end date is missing/],
    ['?start_date=2999-01-01&end_date=2999-01-02', 'future_date', /in the future/],
    ['?start_date=%3Cscript%3E&end_date=2025-01-01', 'invalid_date', /not a real date/],
  ])('answers 400 for %s without calling Talkover', async (query, code, message) => {
    const { status, body, headers } = await get(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(headers.get('content-type')).toMatch(/application\/json/);
    expect(route.simulator.requestCount()).toBe(0);
  });

  it('answers 200 with the documented shape, figures as Talkover reports them', async () => {
    const { status, body, headers } = await get('?start_date=2025-01-01&end_date=2025-01-31');
    const expected = getStatsForRange('2025-01-01', '2025-01-31');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(body.period).toEqual({ start_date: '2025-01-01', end_date: '2025-01-31', timezone: 'UTC' });
    expect(body.totals).toEqual({
      received: expected.total_callbacks_received,
      answered: expected.callbacks_answered,
      unmatched: expected.callbacks_unmatched,
      not_answered: expected.total_callbacks_received - expected.callbacks_answered,
    });
    expect(body.rates.answer_rate).toBeCloseTo(expected.callbacks_answered / expected.total_callbacks_received, 10);
    expect(body.rates.unmatched_rate).toBeCloseTo(expected.callbacks_unmatched / expected.total_callbacks_received, 10);
    const counts = body.sources.map((source: { count: number }) => source.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(body.sources).toHaveLength(expected.callbacks_by_source_agent.length);
    expect(body.sources[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      count: expect.any(Number),
      share: expect.any(Number),
    });
    expect(body.attribution.attributed + body.attribution.unattributed).toBe(expected.total_callbacks_received);
    expect(Date.parse(body.meta.fetched_at)).not.toBeNaN();
    expect(route.simulator.requests()[0]?.query).toEqual({ start_date: '2025-01-01', end_date: '2025-01-31' });
  });

  it('resolves a relative preset against today in APP_TIMEZONE', async () => {
    vi.stubEnv('APP_TIMEZONE', 'America/Sao_Paulo');
    const today = todayIn('America/Sao_Paulo', new Date());
    const { status, body } = await get('?range=7d');
    expect(status).toBe(200);
    expect(body.period).toEqual({ start_date: addDays(today, -6), end_date: today, timezone: 'America/Sao_Paulo' });
  });

  it('defaults to the last 30 days', async () => {
    const today = todayIn('UTC', new Date());
    const { body } = await get('');
    expect(body.period.start_date).toBe(addDays(today, -29));
    expect(body.period.end_date).toBe(today);
  });

  test.each<[string, Fault, number, string]>([
    ['token rejected (401)', { mode: 'unauthorized' }, 502, 'upstream_rejected_token'],
    ['token rejected (403)', { mode: 'forbidden' }, 502, 'upstream_rejected_token'],
    ['rate limited', { mode: 'rate-limited', retryAfterSeconds: 30 }, 503, 'upstream_rate_limited'],
    ['server error (500)', { mode: 'server-error' }, 503, 'upstream_unavailable'],
    ['proxy page (503 HTML)', { mode: 'unavailable' }, 503, 'upstream_unavailable'],
    ['hang', { mode: 'hang' }, 504, 'upstream_timeout'],
    ['HTML with 200', { mode: 'html' }, 502, 'upstream_bad_payload'],
    ['wrong shape', { mode: 'wrong-shape' }, 502, 'upstream_bad_payload'],
    ['success:false on 200', { mode: 'success-false' }, 503, 'upstream_unavailable'],
  ])('maps %s (fault %o) to %i %s in plain words', async (_name, fault, status, code) => {
    route.simulator.setFault(fault);
    const started = Date.now();
    const response = await get('?range=7d');
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toMatch(/Talkover/);
    // Our words, never the upstream's body.
    expect(response.body.error.message).not.toMatch(/API key is invalid|<html|temporarily unavailable/i);
    if (fault.mode === 'rate-limited') {
      expect(response.headers.get('retry-after')).toBe('30');
      expect(response.body.error.retry_after_seconds).toBe(30);
    }
    if (fault.mode === 'hang') expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('names the token variable when the token is rejected', async () => {
    route.simulator.setFault({ mode: 'unauthorized' });
    const { body } = await get('?range=7d');
    expect(body.error.message).toContain('TALKOVER_API_TOKEN');
  });

  it('passes hostile source names through as plain data', async () => {
    route.simulator.setFault({ mode: 'hostile-names' });
    const { status, body } = await get('?range=30d');
    expect(status).toBe(200);
    expect(body.sources.map((source: { name: string }) => source.name)).toContain('<script>alert(1)</script>');
  });

  test.each([
    ['TALKOVER_API_TOKEN', '', /TALKOVER_API_TOKEN/],
    ['TALKOVER_API_URL', 'not a url', /TALKOVER_API_URL/],
    ['APP_TIMEZONE', 'Mars/Olympus_Mons', /APP_TIMEZONE/],
  ])('answers 503, not 500, when %s is broken', async (name, value, message) => {
    vi.stubEnv(name, value);
    const { status, body } = await get('?range=7d');
    expect(status).toBe(503);
    expect(body.error.code).toBe('server_misconfigured');
    expect(body.error.message).toMatch(message);
    expect(route.simulator.requestCount()).toBe(0);
  });

  it('logs each Talkover call as one structured line without the token', async () => {
    route.simulator.setFault({ mode: 'unauthorized' });
    await get('?range=7d');
    const lines = seen.filter((text) => text.includes('"event":"talkover_call"'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ endpoint: '/callback-agents/stats', status: 401, outcome: 'upstream_rejected_token' });
  });

  it('checks the session before the parameters: signed out with bad parameters is 401', async () => {
    route.signOut();
    const { status } = await get('?start_date=nonsense');
    expect(status).toBe(401);
  });

  it('waits out upstream latency below the timeout', async () => {
    route.simulator.setFault({ mode: 'latency', ms: 300 });
    const { status, body } = await get('?range=7d');
    expect(status).toBe(200);
    expect(body.totals.received).toBeGreaterThan(0);
  });
});
