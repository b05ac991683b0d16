import { afterEach, describe, expect, test, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { checkSameOrigin } from '@/lib/security/origin';
import { resetSettings } from '@/lib/settings/define-settings';

const APP = 'https://stats.example.com';
const ENV = new URL(APP);

const post = (headers: Record<string, string>) => new Request(`${APP}/api/auth/callback/credentials`, { method: 'POST', headers });

function expectRefused(result: AppError | null) {
  expect(result).toBeInstanceOf(AppError);
  expect(result).toMatchObject({ kind: 'forbidden', status: 403, code: 'cross_origin_request' });
}

afterEach(() => vi.unstubAllEnvs());

describe('checkSameOrigin', () => {
  test('a matching Origin is accepted', () => {
    expect(checkSameOrigin(post({ Origin: APP }), new URL(`${APP}/`))).toBeNull();
    expect(checkSameOrigin(post({ Origin: APP }), ENV)).toBeNull();
  });

  test('NEXTAUTH_URL with a path or trailing slash: only its origin counts', () => {
    expect(checkSameOrigin(post({ Origin: APP }), new URL(`${APP}/`))).toBeNull();
    expect(checkSameOrigin(post({ Origin: APP }), new URL(`${APP}/api/auth`))).toBeNull();
  });

  test.each([
    { name: 'another site', origin: 'https://evil.example' },
    { name: 'the same host over http', origin: 'http://stats.example.com' },
    { name: 'another port', origin: 'https://stats.example.com:8443' },
    { name: 'a sub-domain', origin: 'https://sub.stats.example.com' },
    { name: 'a look-alike suffix', origin: 'https://stats.example.com.evil.io' },
    { name: 'the opaque origin "null"', origin: 'null' },
    { name: 'an empty Origin', origin: '' },
  ])('Origin from $name → refused', ({ origin }) => {
    expectRefused(checkSameOrigin(post({ Origin: origin }), ENV));
  });

  test('no Origin, but a Referer from the dashboard → accepted', () => {
    expect(checkSameOrigin(post({ Referer: `${APP}/login?callbackUrl=%2F%3Frange%3D7d` }), ENV)).toBeNull();
  });

  test.each([
    { name: 'another site', referer: 'https://evil.example/login' },
    { name: 'another site with the dashboard in its path', referer: `https://evil.example/${APP}/login` },
    { name: 'a look-alike suffix', referer: 'https://stats.example.com.evil.io/login' },
    { name: 'not a URL', referer: 'stats.example.com/login' },
  ])('no Origin, Referer from $name → refused', ({ referer }) => {
    expectRefused(checkSameOrigin(post({ Referer: referer }), ENV));
  });

  test('the Origin wins over a matching Referer', () => {
    expectRefused(checkSameOrigin(post({ Origin: 'https://evil.example', Referer: `${APP}/login` }), ENV));
    expectRefused(checkSameOrigin(post({ Origin: 'null', Referer: `${APP}/login` }), ENV));
  });

  test('neither Origin nor Referer → refused', () => {
    expectRefused(checkSameOrigin(post({}), ENV));
  });

  test.each([
    { name: 'unset', value: undefined },
    { name: 'empty', value: '' },
    { name: 'not a URL', value: 'stats.example.com' },
  ])('NEXTAUTH_URL $name → refused as a misconfiguration, whatever the request says', ({ value }) => {
    vi.stubEnv('NEXTAUTH_SECRET', 'origin_test_secret_at_least_32_bytes_long');
    vi.stubEnv('NEXTAUTH_URL', value);
    expect(checkSameOrigin(post({ Origin: APP, Referer: `${APP}/login` }))).toMatchObject({ kind: 'server_misconfigured', status: 503 });
  });

  test('reads NEXTAUTH_URL from the settings by default (parsed once)', () => {
    vi.stubEnv('NEXTAUTH_SECRET', 'origin_test_secret_at_least_32_bytes_long');
    vi.stubEnv('NEXTAUTH_URL', APP);
    expect(checkSameOrigin(post({ Origin: APP }))).toBeNull();
    vi.stubEnv('NEXTAUTH_URL', 'https://other.example.com');
    resetSettings();
    expectRefused(checkSameOrigin(post({ Origin: APP })));
  });

  test('the refusal is answered 403 JSON with code cross_origin_request', async () => {
    const error = checkSameOrigin(post({ Origin: 'https://evil.example' }), ENV);
    const response = errorResponse(error);
    expect(response.status).toBe(403);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    await expect(response.json()).resolves.toStrictEqual({
      error: { code: 'cross_origin_request', message: 'This request did not come from the dashboard’s own pages and was refused.' },
    });
  });
});
