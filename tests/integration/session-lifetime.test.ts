// The absolute session lifetime: next-auth re-issues the session cookie with a fresh expiry each
// time the session is read, so only the sign-in time carried in the token can end a session that
// is kept alive. Real cookies through next-auth's own /api/auth/session and the app's session check.
// First: it sets up what Next's server has in place before any of Next's modules load.
import { callRoute } from '../support/next-route';
import { decode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as authGET } from '@/app/api/auth/[...nextauth]/route';
import { GET as statsGET } from '@/app/api/stats/route';
import { readSessionUser } from '@/lib/auth/session';
import { forgetDecodedSessionTokens } from '@/lib/auth/session-token';
import { routeRequest, SESSION_SECRET, sessionCookie, SIGNED_IN_EMAIL, stubSessionEnv } from '../support/session';

const MAX_AGE = 3600;
const SIGN_IN_MS = Date.UTC(2026, 5, 1, 8, 0, 0);
const SIGN_IN = SIGN_IN_MS / 1000;

/** GET /api/auth/session with the cookie: the session next-auth reports and the cookie it re-issues. */
async function refresh(cookie: string): Promise<{ email: string | null; cookie: string | null }> {
  const request = new Request('http://localhost:3000/api/auth/session', { headers: { cookie } });
  const response = await callRoute('/api/auth/[...nextauth]/route', authGET, request, { nextauth: ['session'] });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { user?: { email?: string | null } };
  const reissued = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('next-auth.session-token=') && pair !== 'next-auth.session-token=');
  return { email: body.user?.email ?? null, cookie: reissued ?? null };
}

const signedInAs = async (cookie: string) => (await readSessionUser(routeRequest('http://localhost/', cookie)))?.email ?? null;
const at = (secondsAfterSignIn: number) => vi.setSystemTime(SIGN_IN_MS + secondsAfterSignIn * 1000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: SIGN_IN_MS });
  stubSessionEnv();
  vi.stubEnv('AUTH_SESSION_MAX_AGE_SECONDS', String(MAX_AGE));
  forgetDecodedSessionTokens();
  // next-auth logs an expired cookie it was asked to refresh as JWT_SESSION_ERROR.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('absolute session lifetime', () => {
  it('ends a session kept alive by /api/auth/session AUTH_SESSION_MAX_AGE_SECONDS after sign-in', async () => {
    let cookie = await sessionCookie({ signedInAt: SIGN_IN, maxAgeSeconds: MAX_AGE });
    for (const seconds of [1200, 2400, 3540]) {
      at(seconds);
      const answer = await refresh(cookie);
      expect(answer.email).toBe(SIGNED_IN_EMAIL);
      expect(answer.cookie).not.toBeNull();
      cookie = answer.cookie!;
      // Re-issued with the sign-in time unchanged, and never valid past the sign-in's end.
      const token = await decode({ token: cookie.slice(cookie.indexOf('=') + 1), secret: SESSION_SECRET });
      expect(token?.signed_in_at).toBe(SIGN_IN);
      expect(token?.exp).toBeLessThanOrEqual(SIGN_IN + MAX_AGE);
      expect(await signedInAs(cookie)).toBe(SIGNED_IN_EMAIL);
    }
    at(MAX_AGE + 60);
    forgetDecodedSessionTokens();
    expect(await signedInAs(cookie)).toBeNull();
    expect((await refresh(cookie)).email).toBeNull();
    expect((await statsGET(routeRequest('http://localhost/api/stats?range=7d', cookie))).status).toBe(401);
  });

  it('signs out a token whose expiry is fresh but whose sign-in is older than the lifetime', async () => {
    at(10 * MAX_AGE);
    // What a refresh used to hand out: a new expiry on an old sign-in.
    const kept = await sessionCookie({ signedInAt: SIGN_IN, maxAgeSeconds: MAX_AGE });
    expect(await signedInAs(kept)).toBeNull();
    const answer = await refresh(kept);
    expect(answer.email).toBeNull();
    if (answer.cookie) expect(await signedInAs(answer.cookie)).toBeNull();
    expect((await statsGET(routeRequest('http://localhost/api/stats?range=7d', kept))).status).toBe(401);
  });

  it('keeps a session up to the last second of its lifetime', async () => {
    const cookie = await sessionCookie({ signedInAt: SIGN_IN, maxAgeSeconds: MAX_AGE });
    at(MAX_AGE);
    expect(await signedInAs(cookie)).toBe(SIGNED_IN_EMAIL);
    expect((await refresh(cookie)).email).toBe(SIGNED_IN_EMAIL);
  });

  it('treats a token without a sign-in time (issued before it was recorded) as expired', async () => {
    const legacy = await sessionCookie({ signedInAt: null, maxAgeSeconds: MAX_AGE });
    expect(await signedInAs(legacy)).toBeNull();
    expect((await refresh(legacy)).email).toBeNull();
  });

  it('refuses a sign-in time in the future', async () => {
    const forgedTime = await sessionCookie({ signedInAt: SIGN_IN + 10 * MAX_AGE, maxAgeSeconds: MAX_AGE });
    expect(await signedInAs(forgedTime)).toBeNull();
  });
});
