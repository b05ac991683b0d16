// GET /api/metrics: off (404) without METRICS_TOKEN, 401 without its bearer, otherwise
// Prometheus text whose counters follow what the app does: Talkover calls by outcome, the
// stats cache, sign-ins, request latency by route, the budget. Nothing private in a label.
import { NextRequest } from 'next/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/metrics/route';
import { authorizeCredentials } from '@/lib/auth/credentials';
import { resetSignInThrottle } from '@/lib/auth/throttle';
import { SOURCE_AGENTS } from '@/simulator/agents';
import { ANA_PASSWORD, hashTestPasswords } from '../support/password-hashes';
import { labelValues, parsePrometheusText, sampleValue, type Exposition } from '../support/prometheus-text';
import { SIGNED_IN_EMAIL } from '../support/session';
import { setUpStatsRoute } from '../support/stats-route';

const TOKEN = 'talq_METRICSCANARY_5b8e2d71c04f';
const METRICS_TOKEN = 'prometheus-scrape-token-91f3c2a7d4e8';
const route = setUpStatsRoute({ token: TOKEN, simulatorRateLimitPerMinute: 10_000, env: { METRICS_TOKEN } });
const STATS = { endpoint: '/callback-agents/stats' };

let anaHash: string;
beforeAll(async () => {
  ({ anaHash } = await hashTestPasswords());
});
beforeEach(() => {
  vi.stubEnv('AUTH_USERS', `${SIGNED_IN_EMAIL}:${anaHash}`);
  resetSignInThrottle();
});

async function metrics(authorization?: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await GET(new NextRequest('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} }));
  const text = await response.text();
  route.seen.push(text, JSON.stringify([...response.headers]));
  return { status: response.status, headers: response.headers, text };
}

async function scrape(): Promise<Exposition & { text: string }> {
  const answer = await metrics(`Bearer ${METRICS_TOKEN}`);
  expect(answer.status).toBe(200);
  return { ...parsePrometheusText(answer.text), text: answer.text };
}

describe('GET /api/metrics, access', () => {
  it('does not exist without METRICS_TOKEN, even with a bearer', async () => {
    vi.stubEnv('METRICS_TOKEN', '');
    for (const authorization of [undefined, `Bearer ${METRICS_TOKEN}`, 'Bearer ']) {
      const answer = await metrics(authorization);
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.text).error.code).toBe('not_found');
    }
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', `Bearer ${METRICS_TOKEN}x`],
    ['a prefix of the token', `Bearer ${METRICS_TOKEN.slice(0, -1)}`],
    ['the token without "Bearer"', METRICS_TOKEN],
    ['another scheme', `Basic ${METRICS_TOKEN}`],
    ['the Talkover token', `Bearer ${TOKEN}`],
  ])('answers 401 to %s, with no metric in the body', async (_, authorization) => {
    const answer = await metrics(authorization);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(JSON.parse(answer.text).error.code).toBe('unauthorized');
    expect(answer.text).not.toContain('talkover_calls_total');
  });

  it('never accepts a METRICS_TOKEN shorter than 16 characters', async () => {
    vi.stubEnv('METRICS_TOKEN', 'short-token');
    // Refused at start-up in production; a server running with it anyway says it is misconfigured.
    const answer = await metrics('Bearer short-token');
    expect(answer.status).toBe(503);
    expect(answer.text).toContain('server_misconfigured');
  });

  it('serves parseable Prometheus text with every metric declared, process metrics included', async () => {
    const answer = await metrics(`Bearer ${METRICS_TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const { types } = parsePrometheusText(answer.text);
    expect(Object.fromEntries([...types].filter(([name]) => !/^(process|nodejs)_/.test(name)))).toEqual({
      talkover_calls_total: 'counter',
      talkover_call_duration_seconds: 'histogram',
      stats_cache_requests_total: 'counter',
      sign_in_attempts_total: 'counter',
      http_request_duration_seconds: 'histogram',
      talkover_budget_remaining: 'gauge',
      talkover_budget_paused_seconds: 'gauge',
    });
    expect(types.get('process_cpu_seconds_total')).toBe('counter');
    expect(types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
  });
});

describe('GET /api/metrics, counters', () => {
  it('counts a Talkover call, a cache miss, a cache hit and the route latency', async () => {
    const before = await scrape();
    expect((await route.get('?range=7d')).body.meta.cache).toBe('miss');
    expect((await route.get('?range=7d')).body.meta.cache).toBe('hit');
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('talkover_calls_total', { ...STATS, outcome: 'ok' })).toBe(1);
    expect(delta('talkover_call_duration_seconds_count', STATS)).toBe(1);
    expect(delta('talkover_call_duration_seconds_sum', STATS)).toBeGreaterThan(0);
    expect(delta('stats_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(delta('stats_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(delta('http_request_duration_seconds_count', { route: '/api/stats' })).toBe(2);
    // The scrape before this one counts too: the metrics route times itself.
    expect(delta('http_request_duration_seconds_count', { route: '/api/metrics' })).toBeGreaterThanOrEqual(1);
    const remaining = sampleValue(after, 'talkover_budget_remaining');
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThan(Math.floor(100 * 0.9));
  });

  it('counts failed calls by outcome, stale answers, and a 429 as a pause', async () => {
    const before = await scrape();
    await route.get('?range=30d');
    vi.stubEnv('TALKOVER_CACHE_TTL_SECONDS', '0');
    route.simulator.setFault({ mode: 'unauthorized' });
    expect((await route.get('?range=90d')).status).toBe(502);
    route.simulator.setFault({ mode: 'rate-limited', retryAfterSeconds: 30 });
    expect((await route.get('?range=mtd')).status).toBe(503);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('talkover_calls_total', { ...STATS, outcome: 'upstream_rejected_token' })).toBe(1);
    expect(delta('talkover_calls_total', { ...STATS, outcome: 'upstream_rate_limited' })).toBe(1);
    expect(sampleValue(after, 'talkover_budget_paused_seconds')).toBeGreaterThan(20);
    expect(sampleValue(after, 'talkover_budget_remaining')).toBe(0);
  });

  it('serves a stale value and counts it as stale', async () => {
    vi.stubEnv('TALKOVER_CACHE_TTL_SECONDS', '1');
    const before = await scrape();
    await route.get('?range=today');
    route.simulator.setFault({ mode: 'server-error' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await route.get('?range=today')).body.meta.cache).toBe('stale');
    const after = await scrape();
    expect(
      sampleValue(after, 'stats_cache_requests_total', { result: 'stale' }) -
        sampleValue(before, 'stats_cache_requests_total', { result: 'stale' }),
    ).toBe(1);
  });

  it('counts password sign-ins: success, failure and throttled', async () => {
    const before = await scrape();
    expect(await authorizeCredentials({ email: SIGNED_IN_EMAIL, password: ANA_PASSWORD })).not.toBeNull();
    for (let i = 0; i < 5; i += 1) expect(await authorizeCredentials({ email: SIGNED_IN_EMAIL, password: 'wrong' })).toBeNull();
    expect(await authorizeCredentials({ email: SIGNED_IN_EMAIL, password: ANA_PASSWORD })).toBeNull();
    const after = await scrape();
    const delta = (outcome: string) =>
      sampleValue(after, 'sign_in_attempts_total', { outcome }) - sampleValue(before, 'sign_in_attempts_total', { outcome });
    expect([delta('success'), delta('failure'), delta('throttled')]).toEqual([1, 5, 1]);
  });

  it('puts no token, email, source name or query in the output', async () => {
    route.simulator.setFault({ mode: 'hostile-names' });
    await route.get('?start_date=2025-01-01&end_date=2025-01-31');
    await authorizeCredentials({ email: 'mallory@example.org', password: 'wrong' });
    const { text } = await scrape();
    for (const secret of [
      TOKEN,
      METRICS_TOKEN,
      SIGNED_IN_EMAIL,
      'mallory',
      '2025-01',
      'start_date',
      ...SOURCE_AGENTS.map((agent) => agent.name),
    ]) {
      expect(text).not.toContain(secret);
    }
    // Endpoint paths, route templates, outcomes, bucket bounds, Node's version and handle types.
    const allowed = /^(\/callback-agents\/stats|\/(api\/[a-z.[\]]+)?|[A-Za-z_]+|[\d.]+|\+Inf|v\d+\.\d+\.\d+|[a-z0-9-]+)$/;
    expect(labelValues(text).filter((value) => !allowed.test(value))).toEqual([]);
  });
});
