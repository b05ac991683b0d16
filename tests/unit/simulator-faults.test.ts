// Tests for the Talkover SIMULATOR's fault modes (demo mode and tests only), on a random port.
// Each mode must look like the real failure it imitates, or the dashboard's handling goes untested.
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE_NAMES, type Fault } from '../../simulator/faults';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server';

const TOKEN = 'talq_simulator_fault_token_81d0e7';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const NOON = Date.parse('2024-03-15T12:00:00Z');
const STATS = '/callback-agents/stats?start_date=2024-01-01&end_date=2024-01-31';

let sim: Simulator | undefined;

async function start(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  sim = await startSimulator({ token: TOKEN, port: 0, now: () => new Date(NOON), ...options });
  return sim;
}

async function get(path: string, init: RequestInit = { headers: AUTH }) {
  const res = await fetch(`${sim!.url}${path}`, init);
  const text = await res.text();
  return { res, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const anyText = expect.any(String);
const nested = (code: string) => ({ success: false, error: { code, message: anyText, details: {} } });
const flat = { success: false, message: anyText, code: anyText };

describe('simulator faults', () => {
  it.each<[Fault['mode'], Fault, number, unknown]>([
    ['unauthorized', { mode: 'unauthorized' }, 401, nested('INVALID_API_KEY')],
    ['forbidden', { mode: 'forbidden' }, 403, nested('FORBIDDEN')],
    ['rate-limited', { mode: 'rate-limited', retryAfterSeconds: 7 }, 429, nested('RATE_LIMIT_EXCEEDED')],
    ['server-error', { mode: 'server-error' }, 500, flat],
    ['success-false', { mode: 'success-false' }, 200, { success: false, error: { code: anyText, message: anyText } }],
  ])('%s answers its status and error shape', async (_mode, fault, status, body) => {
    await start({ fault });
    const result = await get(STATS);
    expect(result.res.status).toBe(status);
    expect(result.body).toEqual(body);
    expect(result.res.headers.get('x-talkover-simulator')).toBe('1');
  });

  it('rate-limited sends Retry-After and no remaining budget', async () => {
    await start({ fault: { mode: 'rate-limited', retryAfterSeconds: 7 } });
    const { res } = await get(STATS);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset')).toBe(String(NOON / 1000 + 7));
  });

  it.each([
    ['unavailable', 503],
    ['html', 200],
  ] as const)('%s answers an HTML page with %i, like a proxy', async (mode, status) => {
    await start({ fault: { mode } });
    const { res, text } = await get(STATS);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(text).toMatch(/^<html>.*<\/html>$/s);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('wrong-shape claims success with negative counts and missing fields', async () => {
    await start({ fault: { mode: 'wrong-shape' } });
    const { res, body } = await get(STATS);
    expect(res.status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.data.total_callbacks_received).toBeLessThan(0);
    expect(body.data).not.toHaveProperty('callbacks_unmatched');
  });

  it('hostile-names keeps the figures but poisons every source name', async () => {
    await start({ fault: { mode: 'hostile-names', times: 1 } });
    const hostile = (await get(STATS)).body.data;
    const normal = (await get(STATS)).body.data;
    expect(hostile.total_callbacks_received).toBe(normal.total_callbacks_received);
    const names = hostile.callbacks_by_source_agent.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining([...HOSTILE_NAMES]));
    expect(names).toContain('<script>alert(1)</script>');
    expect(names.some((name: string) => name.length === 300)).toBe(true);
  });

  it('latency delays the normal answer', async () => {
    await start({ fault: { mode: 'latency', ms: 150 } });
    const startedAt = performance.now();
    const { res } = await get('/callback-agents');
    expect(res.status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });

  it('times applies the fault to that many requests, then reverts to none', async () => {
    await start();
    sim!.setFault({ mode: 'server-error', times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('/callback-agents')).res.status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(sim!.requestCount()).toBe(3);
  });

  it('hang never answers: the client gives up, and close() does not wait for it', async () => {
    await start({ fault: { mode: 'hang' } });
    await expect(get(STATS, { headers: AUTH, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const stillHanging = get(STATS).catch((error: unknown) => error);
    while (sim!.requestCount() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const closingAt = performance.now();
    await sim!.close();
    expect(performance.now() - closingAt).toBeLessThan(500);
    expect(await stillHanging).toBeInstanceOf(Error);
  });

  it('never echoes the token, whatever the fault or endpoint', async () => {
    await start({ rateLimitPerMinute: 1_000 });
    const faults: Fault[] = [
      { mode: 'none' },
      { mode: 'unauthorized' },
      { mode: 'forbidden' },
      { mode: 'rate-limited', retryAfterSeconds: 1 },
      { mode: 'server-error' },
      { mode: 'unavailable' },
      { mode: 'html' },
      { mode: 'wrong-shape' },
      { mode: 'success-false' },
      { mode: 'hostile-names' },
    ];
    const paths = [
      '/health',
      STATS,
      '/callback-agents/stats?start_date=bad',
      '/callback-agents',
      '/callback-agents/6f1c2a4e-8b3d-4f7a-9c21-5e0d7b3a9f11',
      '/agents?direction=outbound',
      `/callback-agents/${TOKEN}`,
      '/nope',
    ];
    for (const fault of faults) {
      sim!.setFault(fault);
      for (const path of paths) {
        for (const headers of [AUTH, { Authorization: `Bearer ${TOKEN}x` }]) {
          const { res, text } = await get(path, { headers });
          expect(text).not.toContain(TOKEN);
          expect(JSON.stringify([...res.headers])).not.toContain(TOKEN);
        }
      }
    }
  });
});
