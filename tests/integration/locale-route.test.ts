import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { POST } from '@/app/api/locale/route';

/**
 * POST /api/locale, the language menu's target, called directly as Next calls it: the cookie it
 * sets, where it sends the viewer back to, and what it refuses.
 */
const APP = 'https://stats.example.com';

function post(body: Record<string, string> | string, headers: Record<string, string> = { Origin: APP }): Promise<Response> {
  const form = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  return POST(
    new Request(`${APP}/api/locale`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: form,
    }),
  );
}

beforeEach(() => {
  vi.stubEnv('NEXTAUTH_URL', APP);
  vi.stubEnv('NEXTAUTH_SECRET', 'locale-route-tests-session-secret-0123456789');
});
afterEach(() => vi.unstubAllEnvs());

describe('a choice from the menu', () => {
  test.each(['pt-BR', 'en'])('sets %s for a year and returns 303 to the same URL', async (locale) => {
    const response = await post({ locale, return_to: '/?range=7d' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?range=7d');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie.split('; ')).toEqual(
      expect.arrayContaining([`NEXT_LOCALE=${locale}`, 'Path=/', 'Max-Age=31536000', 'SameSite=Lax', 'HttpOnly', 'Secure']),
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  test('keeps a signed-out visitor on the sign-in page they came from, shared link and all', async () => {
    const response = await post({ locale: 'en', return_to: '/login?callbackUrl=%2F%3Frange%3D90d' });
    expect(response.headers.get('location')).toBe('/login?callbackUrl=%2F%3Frange%3D90d');
  });

  test('canonicalises the tag', async () => {
    expect((await post({ locale: 'PT-br', return_to: '/' })).headers.get('set-cookie')).toMatch(/^NEXT_LOCALE=pt-BR;/);
  });

  test('is not Secure over plain http (local runs), where the browser would drop it', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
    const response = await post({ locale: 'en', return_to: '/' }, { Origin: 'http://localhost:3000' });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  test.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash trick', '/\\evil.example'],
    ['a full URL of this site', `${APP}/?range=7d`],
    ['nothing', ''],
  ])('goes back to / instead of %s', async (_what, returnTo) => {
    const response = await post({ locale: 'en', return_to: returnTo });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  });

  test('goes back to / when no return path was sent', async () => {
    expect((await post({ locale: 'en' })).headers.get('location')).toBe('/');
  });
});

describe('what it refuses, with a clear answer and no cookie', () => {
  test.each([
    ['another origin', { Origin: 'https://evil.example' }],
    ['no Origin nor Referer', {} as Record<string, string>],
    ['a Referer from another site', { Referer: 'https://evil.example/page' }],
  ])('a post from %s: 403', async (_what, headers) => {
    const response = await post({ locale: 'pt-BR', return_to: '/' }, headers);
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await response.json()).error.code).toBe('cross_origin_request');
  });

  test('a same-site Referer stands in for a missing Origin, as for sign-in', async () => {
    expect((await post({ locale: 'pt-BR', return_to: '/' }, { Referer: `${APP}/login` })).status).toBe(303);
  });

  test.each([
    ['a language the dashboard does not speak', 'locale=de&return_to=%2F'],
    ['a language without its region', 'locale=pt&return_to=%2F'],
    ['no language', 'return_to=%2F'],
    ['an injected cookie attribute', 'locale=en%3B%20Domain%3Devil.example'],
  ])('%s: 400 invalid_locale', async (_what, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
    const { error } = await response.json();
    expect(error).toEqual({ code: 'invalid_locale', message: 'locale must be one of: en, pt-BR.' });
  });

  test('a body that is not a form: 400 invalid_form', async () => {
    const response = await POST(
      new Request(`${APP}/api/locale`, {
        method: 'POST',
        headers: { Origin: APP, 'Content-Type': 'application/json' },
        body: '{"locale":"en"}',
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_form');
  });
});
