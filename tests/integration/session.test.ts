// The session check every page and route handler runs: next-auth's own cookie, read without
// next-auth's request machinery. Real encrypted cookies, real settings; next-auth's decoder is
// only watched (to count decryptions), never replaced.
import { decode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/stats/route';
import { readSessionUser } from '@/lib/auth/session';
import { forgetDecodedSessionTokens } from '@/lib/auth/session-token';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { routeRequest, SESSION_SECRET, sessionCookie, SIGNED_IN_EMAIL, stubSessionEnv } from '../support/session';
import { resetSettings } from '@/lib/settings/define-settings';

// The form AUTH_USERS expects (scrypt.logN.r.p.salt.key); the password behind it does not matter here.
const SOME_HASH = `scrypt.17.8.1.${Buffer.alloc(16, 1).toString('base64url')}.${Buffer.alloc(64, 2).toString('base64url')}`;

vi.mock('next-auth/jwt', async (importOriginal) => {
  const original = await importOriginal<typeof import('next-auth/jwt')>();
  return { ...original, decode: vi.fn(original.decode) };
});
const decryptions = vi.mocked(decode);

const read = (cookie?: string) => readSessionUser(routeRequest('http://localhost/', cookie));

let signedIn: string;
beforeAll(async () => {
  signedIn = await sessionCookie();
});
beforeEach(() => {
  stubSessionEnv();
  resetUpstreamState();
  forgetDecodedSessionTokens();
  decryptions.mockClear();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('readSessionUser', () => {
  it('reads the email of a valid session', async () => {
    expect(await read(signedIn)).toEqual({ email: SIGNED_IN_EMAIL });
  });

  it('is signed out without a cookie, or with one that is not a session', async () => {
    expect(await read()).toBeNull();
    expect(await read('next-auth.session-token=not-a-jwe')).toBeNull();
    expect(await read('next-auth.session-token=')).toBeNull();
    expect(await read(`other-cookie=${signedIn.split('=')[1]}`)).toBeNull();
  });

  it('refuses a session encrypted with another secret (for example, before a secret rotation)', async () => {
    const forged = await sessionCookie({ secret: 'some-other-secret-that-is-also-32-bytes-long' });
    expect(await read(forged)).toBeNull();
  });

  it('refuses an expired session', async () => {
    // next-auth allows 15 s of clock skew.
    const expired = await sessionCookie({ maxAgeSeconds: -60 });
    expect(await read(expired)).toBeNull();
  });

  it('signs out someone taken off the allow-list, on their next request', async () => {
    expect(await read(signedIn)).not.toBeNull();
    vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.org');
    resetSettings();
    expect(await read(signedIn)).toBeNull();
    vi.stubEnv('AUTH_ALLOWED_EMAILS', SIGNED_IN_EMAIL);
    resetSettings();
    expect(await read(signedIn)).toEqual({ email: SIGNED_IN_EMAIL });
  });

  it('signs out a password user taken out of AUTH_USERS', async () => {
    vi.stubEnv('AUTH_ALLOWED_DOMAINS', '');
    resetSettings();
    const passwordSession = await sessionCookie({ provider: 'credentials' });
    vi.stubEnv('AUTH_USERS', `${SIGNED_IN_EMAIL}:${SOME_HASH}`);
    resetSettings();
    expect(await read(passwordSession)).toEqual({ email: SIGNED_IN_EMAIL });
    vi.stubEnv('AUTH_USERS', `bo@example.com:${SOME_HASH}`);
    resetSettings();
    expect(await read(passwordSession)).toBeNull();
  });

  it('reads the session from its cookie only, never from an Authorization header', async () => {
    const token = signedIn.slice(signedIn.indexOf('=') + 1);
    const bearer = new NextRequest('http://localhost/api/stats?range=7d', { headers: { authorization: `Bearer ${token}` } });
    expect(await readSessionUser(bearer)).toBeNull();
    expect((await GET(bearer)).status).toBe(401);
  });

  it('treats a token without an email as signed out', async () => {
    expect(await read(await sessionCookie({ email: '' }))).toBeNull();
  });

  it('uses the __Secure- cookie name when the app is served over https, as next-auth does', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://stats.example.com');
    resetSettings();
    expect(await read(signedIn)).toBeNull();
    expect(await read(`__Secure-${signedIn}`)).toEqual({ email: SIGNED_IN_EMAIL });
  });

  it('never logs a cookie it cannot read', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await read('next-auth.session-token=garbage');
    expect(logged).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('remembering decoded sessions', () => {
  it('decrypts a cookie once however many requests carry it', async () => {
    for (let i = 0; i < 5; i += 1) expect(await read(signedIn)).toEqual({ email: SIGNED_IN_EMAIL });
    expect(decryptions).toHaveBeenCalledTimes(1);
  });

  it('still checks the allow-list on every request', async () => {
    expect(await read(signedIn)).not.toBeNull();
    vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.org');
    resetSettings();
    expect(await read(signedIn)).toBeNull();
    expect(decryptions).toHaveBeenCalledTimes(1);
  });

  it('does not remember a cookie that failed, so each forged one is decrypted and refused', async () => {
    const forged = await sessionCookie({ secret: 'some-other-secret-that-is-also-32-bytes-long' });
    expect(await read(forged)).toBeNull();
    expect(await read(forged)).toBeNull();
    expect(decryptions).toHaveBeenCalledTimes(2);
  });

  it('forgets everything when the secret changes', async () => {
    expect(await read(signedIn)).not.toBeNull();
    vi.stubEnv('NEXTAUTH_SECRET', `${SESSION_SECRET}-rotated`);
    resetSettings();
    expect(await read(signedIn)).toBeNull();
    vi.stubEnv('NEXTAUTH_SECRET', SESSION_SECRET);
    resetSettings();
    expect(await read(signedIn)).not.toBeNull();
    expect(decryptions).toHaveBeenCalledTimes(3);
  });

  it('never keeps a session past its expiry', async () => {
    // Valid for 1 to 2 more seconds: `exp` is whole seconds, and next-auth allows 15 s of clock
    // skew past it.
    const expiring = await sessionCookie({ maxAgeSeconds: -13 });
    expect(await read(expiring)).toEqual({ email: SIGNED_IN_EMAIL });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await read(expiring)).toBeNull();
    expect(decryptions).toHaveBeenCalledTimes(2);
  });
});

describe('GET /api/stats without a valid session', () => {
  it.each([
    ['no cookie', async () => undefined],
    ['another secret', () => sessionCookie({ secret: `${SESSION_SECRET}-rotated` })],
    ['an expired session', () => sessionCookie({ maxAgeSeconds: -60 })],
    ['an email off the allow-list', () => sessionCookie({ email: 'eve@evil-example.com' })],
  ])('answers 401 for %s, before reading the parameters', async (_, makeCookie) => {
    const response = await GET(routeRequest('http://localhost/api/stats?start_date=nonsense', await makeCookie()));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });
});
