import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInOverHttp } from '../../scripts/lib/sign-in';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text';
import { freePort } from './support/app-server';
import { E2E } from './support/context';
import { closeAgents, isSignedIn, signInOver } from './support/sign-in-http';
import { prepareStandalone, startStandalone, startStandaloneExpectingExit } from './support/standalone-server';

/**
 * What the container image runs: `node server.js` from the standalone build (the suite's own
 * build, made with NEXT_OUTPUT_STANDALONE=1 as `npm run build:standalone` makes it), static
 * files copied as the Dockerfile does, the suite's settings and simulator. It serves the page
 * and /api/stats, runs instrumentation.ts (the start-up check and the peer-address hook the
 * sign-in throttle depends on) and its metrics.
 */
const shared = inject('e2e');
const root = path.resolve(import.meta.dirname, '../..');
let serverJs: string;
let server: Awaited<ReturnType<typeof startStandalone>> | undefined;
let cookie = '';

beforeAll(async () => {
  serverJs = await prepareStandalone(root, E2E.distDir);
  const serverLog = path.join(path.dirname(shared.serverLog), 'e2e-standalone-server.log');
  server = await startStandalone(serverJs, shared.env as NodeJS.ProcessEnv, await freePort(), serverLog);
  cookie = await signInOverHttp(server.appUrl, E2E.email, E2E.password);
}, 90_000);
afterAll(async () => {
  await closeAgents();
  await server?.stop();
});

const get = (urlPath: string, headers: Record<string, string> = {}) =>
  fetch(`${server!.appUrl}${urlPath}`, { headers: { Cookie: cookie, ...headers }, redirect: 'manual' });

describe('the standalone server (node server.js)', () => {
  it('serves the stats page with its figures, and the page’s scripts from the copied static files', async () => {
    const page = await get('/?range=30d');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Signed in as');
    expect(html).toContain('kpi-value');
    const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect((await get(script)).status, script).toBe(200);
  });

  it('serves /api/stats signed in, and 401 signed out', async () => {
    const answer = await get('/api/stats?range=7d');
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { totals: { received: number }; meta: { cache: string } };
    expect(typeof body.totals.received).toBe('number');
    expect(['hit', 'miss']).toContain(body.meta.cache);
    expect((await fetch(`${server!.appUrl}/api/stats?range=7d`)).status).toBe(401);
  });

  it('sees each client’s own address (the peer-address hook runs): a lockout at one address leaves another free', async () => {
    const email = E2E.lockoutEmail;
    for (let i = 0; i < 5; i++)
      expect((await signInOver(server!.appUrl, { email, password: `wrong-${i}`, from: '127.0.0.2' })).status).toBe(401);
    expect((await signInOver(server!.appUrl, { email, password: E2E.password, from: '127.0.0.2' })).status).toBe(429);
    expect(isSignedIn(await signInOver(server!.appUrl, { email, password: E2E.password, from: '127.0.0.3' }))).toBe(true);
  });

  it('serves its metrics to the METRICS_TOKEN bearer, counting what happened above', async () => {
    expect((await get('/api/metrics')).status).toBe(401);
    const scrape = async () => {
      const answer = await get('/api/metrics', { Authorization: `Bearer ${E2E.metricsToken}` });
      expect(answer.status).toBe(200);
      return parsePrometheusText(await answer.text());
    };
    let metrics = await scrape();
    // The page's duration is recorded after its last byte is sent: wait for it, however slow the machine.
    for (
      const deadline = Date.now() + 30_000;
      sampleValue(metrics, 'http_request_duration_seconds_count', { route: '/' }) < 1 && Date.now() < deadline;
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      metrics = await scrape();
    }
    expect(sampleValue(metrics, 'http_request_duration_seconds_count', { route: '/' })).toBeGreaterThanOrEqual(1);
    // The signed-out request was answered by the proxy, before the route: one is counted.
    expect(sampleValue(metrics, 'http_request_duration_seconds_count', { route: '/api/stats' })).toBe(1);
    expect(sampleValue(metrics, 'talkover_calls_total', { endpoint: '/callback-agents/stats', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(metrics, 'sign_in_attempts_total', { outcome: 'success' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(metrics, 'sign_in_attempts_total', { outcome: 'failure' })).toBe(5);
    expect(sampleValue(metrics, 'sign_in_attempts_total', { outcome: 'throttled' })).toBe(1);
  });

  it('refuses to start on a broken setting, as next start does', async () => {
    const env = { ...shared.env, TALKOVER_API_TOKEN: undefined } as unknown as NodeJS.ProcessEnv;
    const { code, output } = await startStandaloneExpectingExit(serverJs, env, await freePort());
    expect(code).toBe(1);
    const refusal = output.split('\n').filter((line) => line.includes('refusing to start'));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toContain('TALKOVER_API_TOKEN');
  });
});

describe('next start of the same build', () => {
  it('prints no warning about standalone output (only the build was asked for it)', async () => {
    const log = await readFile(shared.serverLog, 'utf8');
    expect(log).toContain('Ready');
    expect(log).not.toMatch(/standalone/i);
  });
});
