// The absolute session lifetime over HTTP: next-auth re-issues the session cookie with a fresh
// expiry each time /api/auth/session reads it, so only the sign-in time carried in the token can
// end a session that is kept alive. Real cookies, sealed with the running app's secret.
import { decode } from 'next-auth/jwt';
import { describe, expect, inject, it } from 'vitest';
import { sessionCookie } from '../support/session';

const { appUrl, env } = inject('e2e');
const secret = env.NEXTAUTH_SECRET!;
/** The app under test runs with the default lifetime, 12 hours. */
const LIFETIME = 43_200;
const now = () => Math.floor(Date.now() / 1000);

/** GET /api/auth/session with the cookie: the session next-auth reports and the cookie it re-issues. */
async function refresh(cookie: string): Promise<{ email: string | null; cookie: string | null }> {
  const response = await fetch(`${appUrl}/api/auth/session`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { user?: { email?: string | null } };
  const reissued = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('next-auth.session-token=') && pair !== 'next-auth.session-token=');
  return { email: body.user?.email ?? null, cookie: reissued ?? null };
}

const statsStatus = async (cookie: string) => (await fetch(`${appUrl}/api/stats?range=7d`, { headers: { cookie } })).status;

describe('absolute session lifetime (next-auth over HTTP)', () => {
  it('re-issues a live session with its sign-in time unchanged and an expiry capped at the end of its lifetime', async () => {
    const signedInAt = now() - (LIFETIME - 600);
    const answer = await refresh(await sessionCookie({ signedInAt, maxAgeSeconds: LIFETIME, secret }));
    expect(answer.email).not.toBeNull();
    expect(answer.cookie).not.toBeNull();
    const token = await decode({ token: answer.cookie!.slice(answer.cookie!.indexOf('=') + 1), secret });
    expect(token?.signed_in_at).toBe(signedInAt);
    expect(token?.exp).toBeLessThanOrEqual(signedInAt + LIFETIME);
    expect(await statsStatus(answer.cookie!)).toBe(200);
  });

  it('ends a session whose expiry is fresh but whose sign-in is older than the lifetime', async () => {
    const kept = await sessionCookie({ signedInAt: now() - LIFETIME - 60, maxAgeSeconds: LIFETIME, secret });
    const answer = await refresh(kept);
    expect(answer.email).toBeNull();
    // Whatever cookie next-auth hands back for it opens nothing either.
    if (answer.cookie) expect(await statsStatus(answer.cookie)).toBe(401);
    expect(await statsStatus(kept)).toBe(401);
  });

  it.each([
    ['without a sign-in time (issued before it was recorded)', null],
    ['with a sign-in time in the future', now() + 3_600],
  ])('treats a token %s as signed out', async (_case, signedInAt) => {
    const cookie = await sessionCookie({ signedInAt, maxAgeSeconds: LIFETIME, secret });
    expect((await refresh(cookie)).email).toBeNull();
    expect(await statsStatus(cookie)).toBe(401);
  });
});
