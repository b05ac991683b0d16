// GET /api/health: liveness for anyone, the upstream detail only for a signed-in member or a
// monitor holding HEALTH_TOKEN. The detail says when the team uses the dashboard and whether
// Talkover accepts the token: nothing an outsider should read.
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/health/route';
import { forgetDecodedSessionTokens } from '@/lib/auth/session-token';
import { isHealthBearer } from '@/lib/security/health-token';
import { monitoringSettings } from '@/lib/settings/monitoring';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { SESSION_SECRET, sessionCookie, stubSessionEnv } from '../support/session';

const HEALTH_TOKEN = 'monitor-health-token-6c1e0f9a2d7b';
const DETAIL_KEYS = ['budget_remaining', 'cached_entries', 'in_flight', 'last_call', 'paused_for_seconds', 'rate_limit_per_minute'];

async function health(headers: Record<string, string> = {}) {
  const response = await GET(new NextRequest('http://localhost/api/health', { headers }));
  return { status: response.status, cacheControl: response.headers.get('cache-control'), text: await response.text() };
}

beforeEach(() => {
  stubSessionEnv();
  vi.stubEnv('HEALTH_TOKEN', HEALTH_TOKEN);
  resetUpstreamState();
  forgetDecodedSessionTokens();
});
afterEach(() => vi.unstubAllEnvs());

describe('GET /api/health', () => {
  it('answers exactly {"status":"ok"} signed out', async () => {
    const answer = await health();
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('{"status":"ok"}');
    expect(answer.cacheControl).toBe('no-store');
  });

  it('gives a signed-in member the detail', async () => {
    const answer = await health({ cookie: await sessionCookie() });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text);
    expect(Object.keys(body).sort()).toEqual(['shared_state', 'status', 'talkover']);
    expect(body.shared_state).toBe('memory');
    expect(Object.keys(body.talkover).sort()).toEqual(DETAIL_KEYS);
    expect(answer.cacheControl).toBe('private, no-store');
  });

  it.each([`Bearer ${HEALTH_TOKEN}`, `bearer ${HEALTH_TOKEN}`, `Bearer  ${HEALTH_TOKEN} `])(
    'gives a monitor with %j the detail',
    async (authorization) => {
      const body = JSON.parse((await health({ authorization })).text);
      expect(Object.keys(body.talkover).sort()).toEqual(DETAIL_KEYS);
    },
  );

  it.each([
    ['a wrong token', `Bearer ${HEALTH_TOKEN}x`],
    ['a prefix of the token', `Bearer ${HEALTH_TOKEN.slice(0, -1)}`],
    ['the token without "Bearer"', HEALTH_TOKEN],
    ['another scheme', `Basic ${HEALTH_TOKEN}`],
    ['an empty bearer', 'Bearer '],
    ['two tokens', `Bearer ${HEALTH_TOKEN} ${HEALTH_TOKEN}`],
  ])('says only "ok" to %s', async (_, authorization) => {
    expect((await health({ authorization })).text).toBe('{"status":"ok"}');
  });

  it('says only "ok" to a session that is expired, forged or off the allow-list', async () => {
    for (const cookie of [
      await sessionCookie({ maxAgeSeconds: -60 }),
      await sessionCookie({ secret: `${SESSION_SECRET}-other` }),
      await sessionCookie({ email: 'eve@evil-example.com' }),
    ]) {
      expect((await health({ cookie })).text).toBe('{"status":"ok"}');
    }
  });

  it('never takes the session token as a bearer', async () => {
    const cookie = await sessionCookie();
    expect((await health({ authorization: `Bearer ${cookie.slice(cookie.indexOf('=') + 1)}` })).text).toBe('{"status":"ok"}');
  });
});

describe('isHealthBearer', () => {
  it('accepts no bearer at all when HEALTH_TOKEN is unset, empty or too short', () => {
    expect(isHealthBearer('Bearer ', monitoringSettings.parse({ HEALTH_TOKEN: undefined }))).toBe(false);
    expect(isHealthBearer('Bearer undefined', monitoringSettings.parse({ HEALTH_TOKEN: undefined }))).toBe(false);
    expect(isHealthBearer('Bearer ', monitoringSettings.parse({ HEALTH_TOKEN: '' }))).toBe(false);
    expect(isHealthBearer('Bearer short', monitoringSettings.parse({ HEALTH_TOKEN: 'short' }))).toBe(false);
    expect(isHealthBearer(null, monitoringSettings.parse({ HEALTH_TOKEN }))).toBe(false);
  });

  it('accepts the exact token', () => {
    expect(isHealthBearer(`Bearer ${HEALTH_TOKEN}`, monitoringSettings.parse({ HEALTH_TOKEN }))).toBe(true);
    expect(isHealthBearer(`Bearer ${HEALTH_TOKEN}`, monitoringSettings.parse({ HEALTH_TOKEN: ` ${HEALTH_TOKEN}\n` }))).toBe(true);
  });
});
