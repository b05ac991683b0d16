import { describe, expect, test } from 'vitest';
import { buildContentSecurityPolicy, createNonce, isServedOverHttps, type CspOptions } from '@/lib/security/csp';

const BASE: CspOptions = { nonce: 'bm9uY2Vub25jZW5vbmNl', development: false, https: false, formActionOrigins: [] };

/** The policy as a map of directive name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('the Content-Security-Policy', () => {
  test('allows scripts by nonce only, with strict-dynamic for the chunks they load', () => {
    const policy = directives(buildContentSecurityPolicy(BASE));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2Vub25jZW5vbmNl'", "'strict-dynamic'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  test('lets no script run at all without a nonce (API answers)', () => {
    const policy = directives(buildContentSecurityPolicy({ ...BASE, nonce: null }));
    // 'strict-dynamic' without a nonce or hash makes browsers ignore 'self': nothing runs.
    expect(policy.get('script-src')).toEqual(["'self'", "'strict-dynamic'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  test('has every other directive, and forbids framing, plugins and foreign form targets', () => {
    const policy = directives(buildContentSecurityPolicy(BASE));
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'self'"],
      'script-src': expect.any(Array),
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });

  test("adds 'unsafe-eval' only in development (React Refresh)", () => {
    expect(directives(buildContentSecurityPolicy(BASE)).get('script-src')).not.toContain("'unsafe-eval'");
    expect(directives(buildContentSecurityPolicy({ ...BASE, development: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  test('upgrades insecure requests only when served over https', () => {
    expect(directives(buildContentSecurityPolicy(BASE)).has('upgrade-insecure-requests')).toBe(false);
    expect(directives(buildContentSecurityPolicy({ ...BASE, https: true })).get('upgrade-insecure-requests')).toEqual([]);
  });

  test('lets forms go to the SSO providers', () => {
    const policy = buildContentSecurityPolicy({ ...BASE, formActionOrigins: ['https://github.com', 'https://accounts.google.com'] });
    expect(directives(policy).get('form-action')).toEqual(["'self'", 'https://github.com', 'https://accounts.google.com']);
  });

  test('carries a fresh, valid nonce per call', () => {
    const nonces = Array.from({ length: 50 }, () => createNonce());
    expect(new Set(nonces).size).toBe(50);
    for (const nonce of nonces) {
      // 16 bytes in base64; the same pattern Next uses to read a nonce from the header.
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(directives(buildContentSecurityPolicy({ ...BASE, nonce })).get('script-src')).toContain(`'nonce-${nonce}'`);
    }
  });
});

describe('isServedOverHttps', () => {
  test('follows NEXTAUTH_URL, or the X-Forwarded-Proto of a TLS terminator', () => {
    expect(isServedOverHttps(new URL('https://stats.example.com'), null)).toBe(true);
    expect(isServedOverHttps(new URL('http://localhost:3000'), null)).toBe(false);
    expect(isServedOverHttps(new URL('http://localhost:3000'), 'https')).toBe(true);
    expect(isServedOverHttps(new URL('http://localhost:3000'), 'https, http')).toBe(true);
    expect(isServedOverHttps(new URL('http://localhost:3000'), 'http')).toBe(false);
    expect(isServedOverHttps(new URL('http://localhost:3000'), null)).toBe(false);
  });
});
