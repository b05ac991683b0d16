// Tests for the Talkover SIMULATOR's HTTP server (demo mode and tests only), on a random port.
// They pin the contract the dashboard's client is written against: shapes, statuses, headers.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../simulator/admin';
import { getStatsForRange } from '../../simulator/data';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server';

const TOKEN = 'talq_simulator_test_token_5f2c9a';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const NOON = Date.parse('2024-03-15T12:00:00Z');

let sim: Simulator | undefined;
let clock = NOON;

async function start(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  clock = NOON;
  sim = await startSimulator({ token: TOKEN, port: 0, now: () => new Date(clock), ...options });
  return sim;
}

async function get(path: string, init: RequestInit = { headers: AUTH }) {
  const res = await fetch(`${sim!.url}${path}`, init);
  const text = await res.text();
  return { res, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

const admin = (path: string, init?: RequestInit) => fetch(`${sim!.origin}/__simulator/${path}`, init);
const putFault = (fault: unknown) => admin('fault', { method: 'PUT', body: JSON.stringify(fault) });

/** A request from loopback with a chosen Host header (fetch would always send the URL's own). */
function adminWithHost(path: string, host: string, method = 'GET'): Promise<number> {
  const url = new URL(`${sim!.origin}/__simulator/${path}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('simulator endpoints', () => {
  it('serves a public health check, marked as the simulator', async () => {
    await start();
    const { res, body } = await get('/health', {});
    expect(res.status).toBe(200);
    expect(body).toEqual({ success: true, status: 'ok' });
    expect(res.headers.get('x-talkover-simulator')).toBe('1');
    expect(sim!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  });

  it('returns the stats of an explicit range', async () => {
    await start();
    const { res, body } = await get('/callback-agents/stats?start_date=2024-01-01&end_date=2024-01-31');
    expect(res.status).toBe(200);
    expect(body).toEqual({ success: true, data: getStatsForRange('2024-01-01', '2024-01-31') });
  });

  it.each([
    ['2024-03-15T12:00:00Z', '2024-02-14', '2024-03-15'],
    ['2024-03-15T23:30:00-03:00', '2024-02-15', '2024-03-16'], // "today" is the UTC date
  ])('defaults to the 31 days ending today (now = %s)', async (now, from, to) => {
    await start({ now: () => new Date(now) });
    const { body } = await get('/callback-agents/stats');
    expect(body.data.period).toEqual({ start: from, end: to });
    expect(body.data).toEqual(getStatsForRange(from, to));
  });

  it.each([
    'start_date=2024-02-30',
    'start_date=2024-13-01',
    'end_date=15/03/2024',
    'start_date=',
    'start_date=2024-03-02&end_date=2024-03-01',
    'start_date=2024-03-16', // after the default end, today
  ])('answers 422 to %s', async (query) => {
    await start();
    const { res, body } = await get(`/callback-agents/stats?${query}`);
    expect(res.status).toBe(422);
    expect(body.success).toBe(false);
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.message).toEqual(expect.any(String));
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer talq_wrong' }],
    ['a lower-case scheme', { Authorization: `bearer ${TOKEN}` }],
    ['a bare token', { Authorization: TOKEN }],
  ])('answers 401 to %s', async (_label, headers) => {
    await start();
    const { res, body } = await get('/callback-agents/stats', { headers });
    expect(res.status).toBe(401);
    expect(body).toEqual({
      success: false,
      error: { code: 'INVALID_API_KEY', message: 'The provided API key is invalid', details: {} },
    });
  });

  it('lists callback agents and describes one', async () => {
    await start();
    const list = (await get('/callback-agents')).body;
    expect(list.success).toBe(true);
    expect(list.data[0]).toMatchObject({ direction: 'inbound', current_status: 'published' });
    expect(list.data[0].callback_config.source_agent_ids.length).toBeGreaterThan(0);
    const { body } = await get(`/callback-agents/${list.data[0].id}`);
    expect(body.data.agent).toEqual({
      id: list.data[0].id,
      name: list.data[0].name,
      direction: 'inbound',
      current_status: 'published',
    });
    const sourceIds = body.data.source_agents.map((source: { id: string }) => source.id);
    expect(sourceIds).toEqual(list.data[0].callback_config.source_agent_ids);
    expect(body.data.stats.callbacks_answered).toBeLessThanOrEqual(body.data.stats.total_callbacks_received);
  });

  it.each([
    ['/callback-agents/src-vendas', 'GET', 404, 'NOT_A_CALLBACK_AGENT'],
    ['/callback-agents/%E0%A4%A', 'GET', 404, 'NOT_A_CALLBACK_AGENT'],
    ['/no-such-endpoint', 'GET', 404, 'NOT_FOUND'],
    ['/callback-agents/stats', 'POST', 405, 'METHOD_NOT_ALLOWED'],
  ])('answers %s (%s) with %i in the second error shape', async (path, method, status, code) => {
    await start();
    const { res, body } = await get(path, { method, headers: AUTH });
    expect(res.status).toBe(status);
    expect(body).toEqual({ success: false, message: expect.any(String), code });
    if (status === 405) expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('simulator rate limit', () => {
  it('allows N requests a window, then 429 with Retry-After, then a fresh window', async () => {
    await start({ rateLimitPerMinute: 3 });
    for (const remaining of ['2', '1', '0']) {
      const { res } = await get('/callback-agents');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(remaining);
      expect(res.headers.get('x-ratelimit-reset')).toBe(String((NOON + 60_000) / 1000));
    }
    clock = NOON + 20_000;
    const limited = await get('/callback-agents');
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('retry-after')).toBe('40');
    expect(limited.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    clock = NOON + 60_000;
    expect((await get('/callback-agents')).res.status).toBe(200);
  });

  it('does not spend the budget on rejected tokens or the health check', async () => {
    await start({ rateLimitPerMinute: 1 });
    await get('/callback-agents', {});
    await get('/health', {});
    expect((await get('/callback-agents')).res.status).toBe(200);
  });
});

describe('simulator controls', () => {
  it('switches faults over HTTP and rejects invalid ones', async () => {
    await start();
    expect(await (await admin('fault')).json()).toEqual({ fault: { mode: 'none' } });
    const put = await putFault({ mode: 'server-error', times: 2 });
    expect(put.status).toBe(200);
    expect((await get('/callback-agents')).res.status).toBe(500);
    expect(await (await admin('fault')).json()).toEqual({ fault: { mode: 'server-error', times: 1 } });
    const invalid = [{ mode: 'explode' }, { mode: 'latency' }, { mode: 'none', times: 0 }, { mode: 'none', x: 1 }];
    for (const fault of invalid) expect((await putFault(fault)).status).toBe(400);
    expect((await admin('fault', { method: 'PUT', body: '{not json' })).status).toBe(400);
    expect((await admin('fault', { method: 'DELETE' })).status).toBe(405);
    expect((await admin('nope')).status).toBe(404);
  });

  it('is neither faulted nor counted, and records API requests of any outcome', async () => {
    await start({ fault: { mode: 'server-error' } });
    expect((await admin('requests')).status).toBe(200);
    await get('/callback-agents/stats?start_date=2024-01-01', {});
    expect(sim!.requestCount()).toBe(1);
    const log = await (await admin('requests')).json();
    expect(log).toEqual({
      count: 1,
      requests: [{ path: '/api/v1/callback-agents/stats', query: { start_date: '2024-01-01' }, at: NOON }],
    });
  });

  it('resets fault, counters and the rate window', async () => {
    await start({ rateLimitPerMinute: 1, fault: { mode: 'forbidden' } });
    await get('/callback-agents');
    sim!.setFault({ mode: 'none' });
    await get('/callback-agents');
    expect((await get('/callback-agents')).res.status).toBe(429);
    expect((await admin('reset', { method: 'POST' })).status).toBe(200);
    expect(sim!.requestCount()).toBe(0);
    expect(sim!.requests()).toEqual([]);
    expect((await get('/callback-agents')).res.status).toBe(200);
  });

  it('redacts the token from the request log', async () => {
    await start();
    await get(`/callback-agents/stats?api_key=${TOKEN}`);
    expect(JSON.stringify(sim!.requests())).not.toContain(TOKEN);
    expect(await (await admin('requests')).text()).not.toContain(TOKEN);
  });

  it.each(['evil.example', 'evil.example:4010', 'localhost.evil.example', '127.0.0.1.nip.io', '[::2]:4010', '0.0.0.0'])(
    'refuses a loopback caller whose Host is %j (DNS rebinding)',
    async (host) => {
      await start();
      expect(await adminWithHost('fault', host)).toBe(403);
      expect(await adminWithHost('reset', host, 'POST')).toBe(403);
    },
  );

  it.each(['localhost', 'LOCALHOST:4010', '127.0.0.1', '127.0.0.1:4010', '127.1.2.3:80', '[::1]:4010'])(
    'answers a loopback caller whose Host is %j',
    async (host) => {
      await start();
      expect(await adminWithHost('fault', host)).toBe(200);
    },
  );
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['localhost:3000', true],
    ['127.0.0.1:4010', true],
    ['[::1]', true],
    [undefined, false],
    ['::1', false],
    ['127.0.0.1:4010:1', false],
    ['127.0.0.1:port', false],
    ['evil.example', false],
    ['127.0.0.1@evil.example', false],
  ])('%j → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('simulator latency', () => {
  it('delays every API answer by the latency it was started with, and setLatency changes it', async () => {
    await start({ latencyMs: 150 });
    let startedAt = performance.now();
    const { res } = await get('/callback-agents/stats?start_date=2024-03-01&end_date=2024-03-07');
    expect(res.status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(145);

    sim!.setLatency(400);
    startedAt = performance.now();
    await putFault({ mode: 'server-error', times: 1 });
    const failed = await get('/callback-agents/stats');
    expect(failed.res.status).toBe(500);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(395);
  });

  it('refuses a latency that is not a whole number of milliseconds up to 2 minutes', async () => {
    await start();
    expect(() => sim!.setLatency(-1)).toThrow(RangeError);
    expect(() => sim!.setLatency(1.5)).toThrow(RangeError);
    expect(() => sim!.setLatency(120_001)).toThrow(RangeError);
  });
});
