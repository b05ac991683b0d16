// Which paths the proxy opens without a session. Next runs the proxy only on paths its matcher
// matches (checked with Next's own matcher code), and the proxy passes on only the exact public
// paths: look-alikes of public paths (a future /api/authors, /loginx, /icon.svgx) must be closed.
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import proxy, { config } from '@/proxy';
import { stubSessionEnv } from '../support/session';

const APP = 'http://localhost:3000';

const runsProxy = (path: string) => unstable_doesMiddlewareMatch({ config, url: `${APP}${path}` });
const signedOut = (path: string) => proxy(new NextRequest(`${APP}${path}`));

beforeEach(() => stubSessionEnv());
afterEach(() => vi.unstubAllEnvs());

describe('proxy public paths', () => {
  it.each([
    '/api/authors',
    '/api/authx',
    '/api/auth',
    '/api/healthz',
    '/api/health/x',
    '/api/statsx',
    '/api/localex',
    '/api/locale/x',
    '/api/metricsx',
    '/api/metrics/x',
  ])('answers %s signed out with 401 JSON', async (path) => {
    expect(runsProxy(path)).toBe(true);
    const response = await signedOut(path);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it.each(['/loginx', '/login/x', '/icon.svgx', '/icon.svg.png', '/x/icon.svgz', '/favicon.icox', '/_nextx', '/_next/data/x'])(
    'sends %s signed out to /login',
    async (path) => {
      expect(runsProxy(path)).toBe(true);
      const response = await signedOut(path);
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get('location')!);
      expect(location.pathname).toBe('/login');
      expect(location.searchParams.get('callbackUrl')).toBe(path);
    },
  );

  it.each(['/login', '/api/auth/session', '/api/auth/providers', '/api/locale', '/api/metrics'])('lets %s through signed out', async (path) => {
    expect(runsProxy(path)).toBe(true);
    const response = await signedOut(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });

  it.each(['/icon.svg', '/favicon.ico', '/robots.txt', '/_next/static/chunks/app.js'])('does not run on the static file %s', (path) => {
    expect(runsProxy(path)).toBe(false);
  });

  it('leaves a plain health check alone, but not one that carries a body (the cap applies)', async () => {
    expect(runsProxy('/api/health')).toBe(false);
    const bodies: Record<string, string>[] = [{ 'content-length': '10485760' }, { 'transfer-encoding': 'chunked' }];
    for (const headers of bodies) {
      expect(unstable_doesMiddlewareMatch({ config, url: `${APP}/api/health`, headers }), JSON.stringify(headers)).toBe(true);
      const response = await proxy(new NextRequest(`${APP}/api/health`, { method: 'POST', headers }));
      expect(response.status).toBe(headers['content-length'] ? 413 : 411);
    }
  });
});
