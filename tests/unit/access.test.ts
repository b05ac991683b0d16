import type { NextAuthOptions } from 'next-auth';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { isAccountAllowed, isEmailVerified } from '@/lib/auth/access';
import { DEFAULT_SESSION_MAX_AGE_SECONDS, getAuthOptions } from '@/lib/auth/options';
import { accessSettings } from '@/lib/settings/access';
import { resetSettings } from '@/lib/settings/define-settings';
import { authSettings } from '@/lib/settings/auth';

/**
 * Who may be signed in, decided from the environment each time: at sign-in and on every session
 * read. AUTH_USERS only needs well-formed hashes here (nothing is verified), so no scrypt.
 */
const HASH = `scrypt.10.8.1.${'A'.repeat(22)}.${'B'.repeat(43)}`;
const users = (...emails: string[]) => emails.map((email) => `${email}:${HASH}`).join(',');

type Env = Record<string, string | undefined>;
const SSO_PROVIDERS = ['oidc', 'google', 'github'] as const;

afterEach(() => vi.unstubAllEnvs());

describe('isAccountAllowed: credentials', () => {
  test.each<{ name: string; env: Env; email: string | null | undefined; allowed: boolean }>([
    { name: 'in AUTH_USERS, no allow-list', env: { AUTH_USERS: users('ana@example.com') }, email: 'ana@example.com', allowed: true },
    { name: 'in AUTH_USERS, other case and spaces', env: { AUTH_USERS: users('ana@example.com') }, email: ' ANA@Example.com ', allowed: true },
    { name: 'second of two users', env: { AUTH_USERS: users('ana@example.com', 'bo@example.com') }, email: 'bo@example.com', allowed: true },
    { name: 'not in AUTH_USERS', env: { AUTH_USERS: users('ana@example.com') }, email: 'eve@example.com', allowed: false },
    { name: 'AUTH_USERS unset', env: {}, email: 'ana@example.com', allowed: false },
    { name: 'AUTH_USERS malformed', env: { AUTH_USERS: 'ana@example.com:hunter2' }, email: 'ana@example.com', allowed: false },
    {
      name: 'AUTH_USERS with one malformed entry (the whole list is refused)',
      env: { AUTH_USERS: `${users('ana@example.com')},bo@example.com:hunter2` },
      email: 'ana@example.com',
      allowed: false,
    },
    {
      name: 'in AUTH_USERS and on the allow-list (domain)',
      env: { AUTH_USERS: users('ana@example.com'), AUTH_ALLOWED_DOMAINS: 'example.com' },
      email: 'ana@example.com',
      allowed: true,
    },
    {
      name: 'in AUTH_USERS and on the allow-list (email)',
      env: { AUTH_USERS: users('ana@example.com'), AUTH_ALLOWED_EMAILS: 'ana@example.com' },
      email: 'ana@example.com',
      allowed: true,
    },
    {
      name: 'in AUTH_USERS but not on a set allow-list',
      env: { AUTH_USERS: users('ana@example.com'), AUTH_ALLOWED_DOMAINS: 'example.org' },
      email: 'ana@example.com',
      allowed: false,
    },
    {
      name: 'in AUTH_USERS but not on a set email allow-list',
      env: { AUTH_USERS: users('ana@example.com', 'bo@example.com'), AUTH_ALLOWED_EMAILS: 'bo@example.com' },
      email: 'ana@example.com',
      allowed: false,
    },
    {
      name: 'on the allow-list but not in AUTH_USERS',
      env: { AUTH_USERS: users('ana@example.com'), AUTH_ALLOWED_DOMAINS: 'example.com' },
      email: 'eve@example.com',
      allowed: false,
    },
    { name: 'null email', env: { AUTH_USERS: users('ana@example.com') }, email: null, allowed: false },
    { name: 'undefined email', env: { AUTH_USERS: users('ana@example.com') }, email: undefined, allowed: false },
    { name: 'empty email', env: { AUTH_USERS: users('ana@example.com') }, email: '', allowed: false },
  ])('$name → $allowed', ({ env, email, allowed }) => {
    // A malformed AUTH_USERS lets no one in: the settings themselves are refused.
    if (accessSettings.findProblem(env)) {
      expect(allowed).toBe(false);
      expect(() => accessSettings.parse(env)).toThrow(/AUTH_USERS entry/);
      return;
    }
    expect(isAccountAllowed(email, 'credentials', accessSettings.parse(env))).toBe(allowed);
  });

  test('removal from AUTH_USERS flips it to false', () => {
    const before = { AUTH_USERS: users('ana@example.com', 'bo@example.com') };
    const after = { AUTH_USERS: users('bo@example.com') };
    expect(isAccountAllowed('ana@example.com', 'credentials', accessSettings.parse(before))).toBe(true);
    expect(isAccountAllowed('ana@example.com', 'credentials', accessSettings.parse(after))).toBe(false);
    expect(isAccountAllowed('bo@example.com', 'credentials', accessSettings.parse(after))).toBe(true);
  });

  test('removal from a set allow-list flips it to false', () => {
    const base = { AUTH_USERS: users('ana@example.com', 'bo@example.com') };
    expect(
      isAccountAllowed(
        'ana@example.com',
        'credentials',
        accessSettings.parse({ ...base, AUTH_ALLOWED_EMAILS: 'ana@example.com bo@example.com' }),
      ),
    ).toBe(true);
    expect(isAccountAllowed('ana@example.com', 'credentials', accessSettings.parse({ ...base, AUTH_ALLOWED_EMAILS: 'bo@example.com' }))).toBe(
      false,
    );
  });

  test('reads the settings parsed from process.env when none are given', () => {
    vi.stubEnv('AUTH_USERS', users('ana@example.com'));
    vi.stubEnv('AUTH_ALLOWED_EMAILS', '');
    vi.stubEnv('AUTH_ALLOWED_DOMAINS', '');
    expect(isAccountAllowed('ana@example.com', 'credentials')).toBe(true);
    // Parsed once: a change is seen only after the settings are read again (a restart).
    vi.stubEnv('AUTH_USERS', users('bo@example.com'));
    expect(isAccountAllowed('ana@example.com', 'credentials')).toBe(true);
    resetSettings();
    expect(isAccountAllowed('ana@example.com', 'credentials')).toBe(false);
  });
});

describe.each(SSO_PROVIDERS)('isAccountAllowed: %s (SSO)', (provider) => {
  test.each<{ name: string; env: Env; email: string | null | undefined; allowed: boolean }>([
    { name: 'on the domain allow-list', env: { AUTH_ALLOWED_DOMAINS: 'example.com' }, email: 'ana@example.com', allowed: true },
    { name: 'on the email allow-list', env: { AUTH_ALLOWED_EMAILS: 'ana@example.com' }, email: 'ana@example.com', allowed: true },
    { name: 'upper case, on the list', env: { AUTH_ALLOWED_DOMAINS: 'example.com' }, email: 'ANA@EXAMPLE.COM', allowed: true },
    { name: 'not on the list', env: { AUTH_ALLOWED_DOMAINS: 'example.com' }, email: 'eve@evil.io', allowed: false },
    { name: 'a sub-domain of a listed domain', env: { AUTH_ALLOWED_DOMAINS: 'example.com' }, email: 'eve@sub.example.com', allowed: false },
    { name: 'no allow-list at all', env: {}, email: 'ana@example.com', allowed: false },
    { name: 'a blank allow-list', env: { AUTH_ALLOWED_EMAILS: ' ', AUTH_ALLOWED_DOMAINS: ',' }, email: 'ana@example.com', allowed: false },
    // AUTH_USERS lists password users: it does not let anyone in through SSO.
    { name: 'in AUTH_USERS but no allow-list', env: { AUTH_USERS: users('ana@example.com') }, email: 'ana@example.com', allowed: false },
    {
      name: 'in AUTH_USERS but not on the allow-list',
      env: { AUTH_USERS: users('ana@example.com'), AUTH_ALLOWED_DOMAINS: 'example.org' },
      email: 'ana@example.com',
      allowed: false,
    },
    { name: 'null email', env: { AUTH_ALLOWED_DOMAINS: 'example.com' }, email: null, allowed: false },
    { name: 'empty email', env: { AUTH_ALLOWED_DOMAINS: 'example.com' }, email: '', allowed: false },
    { name: 'just the domain', env: { AUTH_ALLOWED_DOMAINS: 'example.com' }, email: 'example.com', allowed: false },
  ])('$name → $allowed', ({ env, email, allowed }) => {
    expect(isAccountAllowed(email, provider, accessSettings.parse(env))).toBe(allowed);
  });

  test('removal from the allow-list flips it to false', () => {
    expect(isAccountAllowed('ana@example.com', provider, accessSettings.parse({ AUTH_ALLOWED_EMAILS: 'ana@example.com, bo@example.com' }))).toBe(
      true,
    );
    expect(isAccountAllowed('ana@example.com', provider, accessSettings.parse({ AUTH_ALLOWED_EMAILS: 'bo@example.com' }))).toBe(false);
    expect(isAccountAllowed('ana@example.com', provider, accessSettings.parse({ AUTH_ALLOWED_DOMAINS: 'example.com' }))).toBe(true);
    expect(isAccountAllowed('ana@example.com', provider, accessSettings.parse({ AUTH_ALLOWED_DOMAINS: '' }))).toBe(false);
  });
});

describe('isEmailVerified', () => {
  test.each<{ provider: string; profile: Record<string, unknown> | undefined; verified: boolean }>([
    { provider: 'oidc', profile: { email_verified: true }, verified: true },
    { provider: 'oidc', profile: { email_verified: 'true' }, verified: true },
    { provider: 'oidc', profile: { email_verified: false }, verified: false },
    { provider: 'oidc', profile: { email_verified: 'false' }, verified: false },
    { provider: 'oidc', profile: { email_verified: 1 }, verified: false },
    { provider: 'oidc', profile: { email_verified: 'yes' }, verified: false },
    { provider: 'oidc', profile: { email_verified: null }, verified: false },
    { provider: 'oidc', profile: { email: 'ana@example.com' }, verified: false },
    { provider: 'oidc', profile: {}, verified: false },
    { provider: 'oidc', profile: undefined, verified: false },
    { provider: 'google', profile: { email_verified: true }, verified: true },
    { provider: 'google', profile: { email_verified: 'true' }, verified: true },
    { provider: 'google', profile: { email_verified: false }, verified: false },
    { provider: 'google', profile: {}, verified: false },
    { provider: 'google', profile: undefined, verified: false },
    // GitHub's email_verified comes from its list of the account's addresses (see below).
    { provider: 'github', profile: {}, verified: false },
    { provider: 'github', profile: undefined, verified: false },
    { provider: 'github', profile: { email_verified: false }, verified: false },
    { provider: 'github', profile: { email_verified: 'true' }, verified: false },
    { provider: 'github', profile: { email_verified: true }, verified: true },
    { provider: 'credentials', profile: undefined, verified: true },
    // Any other provider must vouch for the address itself.
    { provider: 'other', profile: {}, verified: false },
    { provider: '', profile: undefined, verified: false },
  ])('$provider with $profile → $verified', ({ provider, profile, verified }) => {
    expect(isEmailVerified(provider, profile)).toBe(verified);
  });
});

type Callbacks = NonNullable<NextAuthOptions['callbacks']>;
type SignInParams = Parameters<NonNullable<Callbacks['signIn']>>[0];
type JwtParams = Parameters<NonNullable<Callbacks['jwt']>>[0];
type SessionParams = Parameters<NonNullable<Callbacks['session']>>[0];

const callbacks = (): Callbacks => getAuthOptions().callbacks!;
const session = async (params: Pick<SessionParams, 'session' | 'token'>) => callbacks().session!(params as SessionParams);
const signIn = async (provider: string, email: string | null, profile?: Record<string, unknown>) =>
  callbacks().signIn!({
    user: { id: email ?? 'x', email },
    account: { provider, type: provider === 'credentials' ? 'credentials' : 'oauth', providerAccountId: 'acct-1' },
    profile,
  } as SignInParams);
/** jwt() at sign-in: next-auth passes `user` and `account`. */
const jwtAtSignIn = async (provider: string, email: string) =>
  callbacks().jwt!({
    token: { email, sub: email },
    user: { id: email, email },
    account: { provider, type: provider === 'credentials' ? 'credentials' : 'oauth', providerAccountId: email },
  } as JwtParams);
/** jwt() on a session read: only the token. */
const jwtOnRead = async (token: Record<string, unknown>) => callbacks().jwt!({ token } as JwtParams);

/** The clock in the callbacks' tests: sign-in times are exact. */
const NOW_MS = Date.UTC(2026, 0, 15, 9, 30);
const SIGNED_IN_AT = NOW_MS / 1000;

describe('next-auth callbacks (getAuthOptions)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW_MS });
    vi.stubEnv('NEXTAUTH_SECRET', AUTH_BASE.NEXTAUTH_SECRET);
    vi.stubEnv('NEXTAUTH_URL', AUTH_BASE.NEXTAUTH_URL);
    vi.stubEnv('AUTH_USERS', users('ana@example.com', 'bo@example.com'));
    resetSettings();
    vi.stubEnv('AUTH_ALLOWED_EMAILS', '');
    resetSettings();
    vi.stubEnv('AUTH_ALLOWED_DOMAINS', '');
    resetSettings();
  });
  afterEach(() => vi.useRealTimers());

  describe('signIn', () => {
    test('an allowed, verified OIDC profile is accepted', async () => {
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
      resetSettings();
      await expect(signIn('oidc', 'ana@example.com', { email: 'ana@example.com', email_verified: true })).resolves.toBe(true);
      await expect(signIn('oidc', 'ana@example.com', { email: 'ana@example.com', email_verified: 'true' })).resolves.toBe(true);
    });

    test('a verified OIDC profile that is not on the allow-list is refused', async () => {
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
      resetSettings();
      await expect(signIn('oidc', 'eve@evil.io', { email: 'eve@evil.io', email_verified: true })).resolves.toBe(false);
      await expect(signIn('oidc', 'eve@example.com.evil.io', { email_verified: true })).resolves.toBe(false);
      await expect(signIn('oidc', null, { email_verified: true })).resolves.toBe(false);
    });

    test('an allowed but unverified OIDC profile is refused', async () => {
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
      resetSettings();
      await expect(signIn('oidc', 'ana@example.com', { email: 'ana@example.com', email_verified: false })).resolves.toBe(false);
      await expect(signIn('oidc', 'ana@example.com', { email: 'ana@example.com' })).resolves.toBe(false);
      await expect(signIn('oidc', 'ana@example.com', undefined)).resolves.toBe(false);
    });

    test('SSO without an allow-list is refused, even for a password user', async () => {
      await expect(signIn('oidc', 'ana@example.com', { email_verified: true })).resolves.toBe(false);
      await expect(signIn('google', 'ana@example.com', { email_verified: true })).resolves.toBe(false);
      await expect(signIn('github', 'ana@example.com', {})).resolves.toBe(false);
    });

    test('Google and GitHub need email_verified', async () => {
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
      resetSettings();
      await expect(signIn('google', 'ana@example.com', { email_verified: true })).resolves.toBe(true);
      await expect(signIn('google', 'ana@example.com', { email_verified: false })).resolves.toBe(false);
      await expect(signIn('github', 'ana@example.com', { login: 'ana', email_verified: true })).resolves.toBe(true);
      await expect(signIn('github', 'ana@example.com', { login: 'ana' })).resolves.toBe(false);
      await expect(signIn('github', 'eve@evil.io', { login: 'eve', email_verified: true })).resolves.toBe(false);
    });

    test('the allow-list is read at each sign-in, not when the options were built', async () => {
      getAuthOptions();
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
      resetSettings();
      await expect(signIn('oidc', 'ana@example.com', { email_verified: true })).resolves.toBe(true);
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.org');
      resetSettings();
      await expect(signIn('oidc', 'ana@example.com', { email_verified: true })).resolves.toBe(false);
    });

    test('credentials are left to authorize() (which answers with the generic error)', async () => {
      await expect(signIn('credentials', 'ana@example.com')).resolves.toBe(true);
    });
  });

  describe('jwt', () => {
    test('at sign-in the token holds the email and the provider, and nothing else', async () => {
      const token = await Promise.resolve(
        callbacks().jwt!({
          token: { email: 'ana@example.com', sub: 'ana@example.com', name: 'Ana', picture: 'https://img.example/ana.png' },
          user: { id: 'ana@example.com', email: 'ana@example.com', name: 'Ana' },
          account: { provider: 'credentials', type: 'credentials', providerAccountId: 'ana@example.com', access_token: 'secret-at' },
        } as JwtParams),
      );
      expect(token).toStrictEqual({ sub: 'ana@example.com', email: 'ana@example.com', provider: 'credentials', signed_in_at: SIGNED_IN_AT });
    });

    test('a password user removed from AUTH_USERS loses the email on the next read', async () => {
      const token = await jwtAtSignIn('credentials', 'ana@example.com');
      expect(token).toStrictEqual({ sub: 'ana@example.com', email: 'ana@example.com', provider: 'credentials', signed_in_at: SIGNED_IN_AT });
      // Still allowed: every read returns the same token.
      await expect(jwtOnRead(token)).resolves.toStrictEqual(token);

      vi.stubEnv('AUTH_USERS', users('bo@example.com'));

      resetSettings();
      const after = await jwtOnRead(token);
      expect(after.email).toBeUndefined();
      expect(after).toStrictEqual({});
      // bo is untouched.
      const bo = await jwtAtSignIn('credentials', 'bo@example.com');
      await expect(jwtOnRead(bo)).resolves.toStrictEqual(bo);
    });

    test('a password user dropped from a newly set allow-list loses the email on the next read', async () => {
      const token = await jwtAtSignIn('credentials', 'ana@example.com');
      vi.stubEnv('AUTH_ALLOWED_EMAILS', 'bo@example.com');
      resetSettings();
      await expect(jwtOnRead(token)).resolves.toStrictEqual({});
    });

    test('an SSO user removed from the allow-list loses the email on the next read', async () => {
      vi.stubEnv('AUTH_ALLOWED_EMAILS', 'cy@example.net');
      resetSettings();
      const token = await jwtAtSignIn('oidc', 'cy@example.net');
      expect(token).toStrictEqual({ sub: 'cy@example.net', email: 'cy@example.net', provider: 'oidc', signed_in_at: SIGNED_IN_AT });
      await expect(jwtOnRead(token)).resolves.toStrictEqual(token);
      vi.stubEnv('AUTH_ALLOWED_EMAILS', '');
      resetSettings();
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
      resetSettings();
      await expect(jwtOnRead(token)).resolves.toStrictEqual({});
    });

    test('an SSO token is checked as SSO: being in AUTH_USERS does not keep it', async () => {
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
      resetSettings();
      const token = await jwtAtSignIn('google', 'ana@example.com');
      vi.stubEnv('AUTH_ALLOWED_DOMAINS', '');
      resetSettings();
      // ana is still a password user, but this session came from Google.
      await expect(jwtOnRead(token)).resolves.toStrictEqual({});
    });

    test('a sign-in by someone not allowed gives an empty token at once', async () => {
      await expect(jwtAtSignIn('credentials', 'eve@example.com')).resolves.toStrictEqual({});
      await expect(jwtAtSignIn('oidc', 'ana@example.com')).resolves.toStrictEqual({});
    });

    test('an emptied token stays empty when the user is added back', async () => {
      const token = await jwtAtSignIn('credentials', 'ana@example.com');
      vi.stubEnv('AUTH_USERS', users('bo@example.com'));
      resetSettings();
      const emptied = await jwtOnRead(token);
      vi.stubEnv('AUTH_USERS', users('ana@example.com', 'bo@example.com'));
      resetSettings();
      await expect(jwtOnRead(emptied)).resolves.toStrictEqual({});
    });

    test('a token without a provider is checked as credentials', async () => {
      const token = { sub: 'ana@example.com', email: 'ana@example.com', signed_in_at: SIGNED_IN_AT };
      await expect(jwtOnRead(token)).resolves.toStrictEqual({ ...token, provider: undefined });
      vi.stubEnv('AUTH_USERS', users('bo@example.com'));
      resetSettings();
      await expect(jwtOnRead(token)).resolves.toStrictEqual({});
    });
  });

  describe('session', () => {
    test('exposes only the email, and null once the token lost it', async () => {
      const current = { user: { email: 'ana@example.com', name: 'Ana', image: null }, expires: '2999-01-01T00:00:00.000Z' };
      await expect(session({ session: current, token: { email: 'ana@example.com', provider: 'credentials' } })).resolves.toStrictEqual({
        expires: '2999-01-01T00:00:00.000Z',
        user: { email: 'ana@example.com' },
      });
      await expect(session({ session: current, token: {} })).resolves.toStrictEqual({
        expires: '2999-01-01T00:00:00.000Z',
        user: { email: null },
      });
    });
  });
});

const AUTH_BASE = { NEXTAUTH_SECRET: 'access_test_secret_at_least_32_bytes_long', NEXTAUTH_URL: 'http://localhost:3000' };
const sessionMaxAge = (env: Env) => authSettings.parse({ ...AUTH_BASE, ...env }).sessionMaxAgeSeconds;

describe('session lifetime', () => {
  test('12 hours by default', () => {
    expect(DEFAULT_SESSION_MAX_AGE_SECONDS).toBe(12 * 60 * 60);
    expect(sessionMaxAge({})).toBe(43_200);
  });

  test.each([
    { value: '3600', seconds: 3600 },
    { value: ' 3600 ', seconds: 3600 },
    { value: '300', seconds: 300 },
    { value: '2592000', seconds: 2_592_000 },
    { value: '', seconds: 43_200 },
  ])('AUTH_SESSION_MAX_AGE_SECONDS=$value → $seconds', ({ value, seconds }) => {
    expect(sessionMaxAge({ AUTH_SESSION_MAX_AGE_SECONDS: value })).toBe(seconds);
  });

  // Out of range is refused (at start-up in production), not quietly replaced by the default.
  test.each(['299', '2592001', '0', '-3600', '3600.5', '12h'])('AUTH_SESSION_MAX_AGE_SECONDS=%s → refused, naming the variable', (value) => {
    const env = { ...AUTH_BASE, AUTH_SESSION_MAX_AGE_SECONDS: value };
    expect(authSettings.findProblem(env)).toBe('AUTH_SESSION_MAX_AGE_SECONDS must be a whole number of seconds between 300 and 2592000');
    expect(() => authSettings.parse(env)).toThrow(/AUTH_SESSION_MAX_AGE_SECONDS/);
  });

  test('getAuthOptions uses it for the session (the options are built once, on first use)', async () => {
    vi.resetModules();
    vi.stubEnv('NEXTAUTH_SECRET', AUTH_BASE.NEXTAUTH_SECRET);
    vi.stubEnv('NEXTAUTH_URL', AUTH_BASE.NEXTAUTH_URL);
    vi.stubEnv('AUTH_SESSION_MAX_AGE_SECONDS', '3600');
    const fresh = await import('@/lib/auth/options');
    expect(fresh.getAuthOptions().session).toMatchObject({ strategy: 'jwt', maxAge: 3600 });
    // Memoised: a later change of the variable does not rebuild the options.
    vi.stubEnv('AUTH_SESSION_MAX_AGE_SECONDS', '7200');
    expect(fresh.getAuthOptions().session?.maxAge).toBe(3600);
    expect(fresh.getSessionMaxAge()).toBe(3600);

    vi.resetModules();
    vi.stubEnv('AUTH_SESSION_MAX_AGE_SECONDS', undefined);
    const unset = await import('@/lib/auth/options');
    expect(unset.getAuthOptions().session?.maxAge).toBe(43_200);
  });
});
