// The absolute session lifetime in the app's own session check, on a controllable clock: a token
// kept alive past its sign-in's lifetime is refused. next-auth's /api/auth/session, which
// re-issues the cookie, is tested over HTTP against the running app (tests/e2e/session-lifetime.spec.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as statsGET } from '@/app/api/stats/route';
import { readSessionUser } from '@/lib/auth/session';
import { forgetDecodedSessionTokens } from '@/lib/auth/session-token';
import { routeRequest, sessionCookie, SIGNED_IN_EMAIL, stubSessionEnv } from '../support/session';

const MAX_AGE = 3600;
const SIGN_IN_MS = Date.UTC(2026, 5, 1, 8, 0, 0);
const SIGN_IN = SIGN_IN_MS / 1000;

const signedInAs = async (cookie: string) => (await readSessionUser(routeRequest('http://localhost/', cookie)))?.email ?? null;
const at = (secondsAfterSignIn: number) => vi.setSystemTime(SIGN_IN_MS + secondsAfterSignIn * 1000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: SIGN_IN_MS });
  stubSessionEnv();
  vi.stubEnv('AUTH_SESSION_MAX_AGE_SECONDS', String(MAX_AGE));
  forgetDecodedSessionTokens();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('absolute session lifetime', () => {
  it('keeps a session up to the last second of its lifetime, then ends it', async () => {
    const cookie = await sessionCookie({ signedInAt: SIGN_IN, maxAgeSeconds: 10 * MAX_AGE });
    at(MAX_AGE);
    expect(await signedInAs(cookie)).toBe(SIGNED_IN_EMAIL);
    at(MAX_AGE + 60);
    forgetDecodedSessionTokens();
    expect(await signedInAs(cookie)).toBeNull();
    expect((await statsGET(routeRequest('http://localhost/api/stats?range=7d', cookie))).status).toBe(401);
  });

  it('signs out a token whose expiry is fresh but whose sign-in is older than the lifetime', async () => {
    at(10 * MAX_AGE);
    const kept = await sessionCookie({ signedInAt: SIGN_IN, maxAgeSeconds: MAX_AGE });
    expect(await signedInAs(kept)).toBeNull();
    expect((await statsGET(routeRequest('http://localhost/api/stats?range=7d', kept))).status).toBe(401);
  });

  it('treats a token without a sign-in time (issued before it was recorded) as expired', async () => {
    const legacy = await sessionCookie({ signedInAt: null, maxAgeSeconds: MAX_AGE });
    expect(await signedInAs(legacy)).toBeNull();
  });

  it('refuses a sign-in time in the future', async () => {
    const forgedTime = await sessionCookie({ signedInAt: SIGN_IN + 10 * MAX_AGE, maxAgeSeconds: MAX_AGE });
    expect(await signedInAs(forgedTime)).toBeNull();
  });
});
