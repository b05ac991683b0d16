import { beforeAll, describe, expect, test } from 'vitest';
import { findStartupProblem } from '@/lib/startup-check';
import { hashTestPasswords } from '../support/password-hashes';

let anaHash: string;

beforeAll(async () => {
  ({ anaHash } = await hashTestPasswords());
});

describe('findStartupProblem', () => {
  const SECRET = 'nextauth_secret_value_123_at_least_32_bytes';
  const TOKEN = 'test_token_value';
  const goodEnv = (): Record<string, string | undefined> => ({
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: 'https://stats.example.com',
    TALKOVER_API_URL: 'https://talkover.test/api/v1',
    TALKOVER_API_TOKEN: TOKEN,
    AUTH_USERS: `ana@example.com:${anaHash}`,
    APP_TIMEZONE: 'America/Sao_Paulo',
  });

  test('null when everything is set', () => {
    expect(findStartupProblem(goodEnv())).toBeNull();
  });

  test.each<{ name: string; change: Record<string, string | undefined>; problem: string | null }>([
    {
      name: 'NEXTAUTH_SECRET missing',
      change: { NEXTAUTH_SECRET: undefined },
      problem: 'NEXTAUTH_SECRET is not set (generate one with: openssl rand -base64 32)',
    },
    {
      name: 'NEXTAUTH_SECRET blank',
      change: { NEXTAUTH_SECRET: '  ' },
      problem: 'NEXTAUTH_SECRET is not set (generate one with: openssl rand -base64 32)',
    },
    {
      name: 'NEXTAUTH_URL missing',
      change: { NEXTAUTH_URL: '' },
      problem: 'NEXTAUTH_URL is not set (the public URL of this dashboard, e.g. https://stats.example.com)',
    },
    { name: 'TALKOVER_API_TOKEN missing', change: { TALKOVER_API_TOKEN: undefined }, problem: 'TALKOVER_API_TOKEN is not set' },
    { name: 'TALKOVER_API_TOKEN empty', change: { TALKOVER_API_TOKEN: '' }, problem: 'TALKOVER_API_TOKEN is not set' },
    { name: 'TALKOVER_API_URL invalid', change: { TALKOVER_API_URL: 'talkover' }, problem: 'TALKOVER_API_URL must be an http(s) URL' },
    {
      name: 'NEXTAUTH_SECRET short',
      change: { NEXTAUTH_SECRET: 'x'.repeat(31) },
      problem: 'NEXTAUTH_SECRET is shorter than 32 bytes (generate one with: openssl rand -base64 32)',
    },
    {
      name: 'no sign-in method',
      change: { AUTH_USERS: undefined },
      problem: 'no sign-in method is configured: set AUTH_USERS, or an SSO provider (AUTH_OIDC_*, AUTH_GOOGLE_*, AUTH_GITHUB_*)',
    },
    {
      name: 'OIDC half-configured',
      change: { AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_ID: 'dashboard' },
      problem: 'AUTH_OIDC_CLIENT_SECRET is not set, but AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_ID are (set all or none)',
    },
    {
      name: 'GitHub half-configured',
      change: { AUTH_GITHUB_SECRET: 'gh-secret' },
      problem: 'AUTH_GITHUB_ID is not set, but AUTH_GITHUB_SECRET is (set all or none)',
    },
    {
      name: 'OIDC issuer over plain http',
      change: {
        AUTH_OIDC_ISSUER: 'http://id.example.com',
        AUTH_OIDC_CLIENT_ID: 'd',
        AUTH_OIDC_CLIENT_SECRET: 's',
        AUTH_ALLOWED_DOMAINS: 'example.com',
      },
      problem: 'AUTH_OIDC_ISSUER must be an https URL (plain http only for localhost)',
    },
    {
      name: 'SSO without an allow-list',
      change: { AUTH_GOOGLE_ID: 'g', AUTH_GOOGLE_SECRET: 's' },
      problem:
        'an SSO provider is configured but AUTH_ALLOWED_EMAILS and AUTH_ALLOWED_DOMAINS are both empty (anyone with an account there could sign in)',
    },
    {
      name: 'SSO only, with an allow-list',
      change: { AUTH_USERS: undefined, AUTH_GOOGLE_ID: 'g', AUTH_GOOGLE_SECRET: 's', AUTH_ALLOWED_DOMAINS: 'example.com' },
      problem: null,
    },
    {
      name: 'session lifetime malformed',
      change: { AUTH_SESSION_MAX_AGE_SECONDS: '12h' },
      problem: 'AUTH_SESSION_MAX_AGE_SECONDS must be a whole number of seconds between 300 and 2592000',
    },
    {
      name: 'AUTH_USERS malformed',
      change: { AUTH_USERS: 'ana@example.com:hunter2' },
      problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)',
    },
    {
      name: 'APP_TIMEZONE invalid',
      change: { APP_TIMEZONE: 'Mars/Olympus_Mons' },
      problem: 'APP_TIMEZONE is not a valid IANA timezone (e.g. America/Sao_Paulo)',
    },
    { name: 'APP_TIMEZONE unset (UTC)', change: { APP_TIMEZONE: undefined }, problem: null },
    {
      name: 'METRICS_TOKEN too short',
      change: { METRICS_TOKEN: 'short-token' },
      problem: 'METRICS_TOKEN must be at least 16 characters (openssl rand -hex 32)',
    },
    { name: 'METRICS_TOKEN long enough', change: { METRICS_TOKEN: 'a-scrape-token-of-32-characters!' }, problem: null },
    { name: 'APP_TIMEZONE empty (UTC)', change: { APP_TIMEZONE: '' }, problem: null },
    { name: 'APP_WEEK_START sunday', change: { APP_WEEK_START: 'sunday' }, problem: null },
    { name: 'APP_WEEK_START Monday', change: { APP_WEEK_START: 'Monday' }, problem: null },
    { name: 'APP_WEEK_START invalid', change: { APP_WEEK_START: 'friday' }, problem: 'APP_WEEK_START must be monday or sunday' },
    { name: 'APP_DEFAULT_LOCALE pt-BR', change: { APP_DEFAULT_LOCALE: 'pt-BR' }, problem: null },
    { name: 'APP_DEFAULT_LOCALE in another case', change: { APP_DEFAULT_LOCALE: 'pt-br' }, problem: null },
    { name: 'APP_DEFAULT_LOCALE unsupported', change: { APP_DEFAULT_LOCALE: 'de' }, problem: 'APP_DEFAULT_LOCALE must be one of: en, pt-BR' },
    {
      name: 'APP_DEFAULT_LOCALE a language without its region',
      change: { APP_DEFAULT_LOCALE: 'pt' },
      problem: 'APP_DEFAULT_LOCALE must be one of: en, pt-BR',
    },
    { name: 'TALKOVER_API_URL unset (default)', change: { TALKOVER_API_URL: undefined }, problem: null },
    { name: 'ALERT_CHECK_SECONDS 60', change: { ALERT_CHECK_SECONDS: '60' }, problem: null },
    {
      name: 'ALERT_CHECK_SECONDS under 10',
      change: { ALERT_CHECK_SECONDS: '5' },
      problem: 'ALERT_CHECK_SECONDS must be a whole number of seconds between 10 and 86400',
    },
    {
      name: 'REDIS_URL not a redis URL',
      change: { REDIS_URL: 'http://:hunter2@cache.internal:6379' },
      problem: 'REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://localhost:6379)',
    },
    { name: 'REDIS_URL with a password', change: { REDIS_URL: 'rediss://:hunter2@cache.internal:6380/0' }, problem: null },
    { name: 'REDIS_URL empty (in-process state)', change: { REDIS_URL: '' }, problem: null },
    {
      name: 'REDIS_KEY_PREFIX with spaces',
      change: { REDIS_URL: 'redis://localhost:6379', REDIS_KEY_PREFIX: 'my app' },
      problem: 'REDIS_KEY_PREFIX must be 1–60 letters, digits, _ . : or -',
    },
  ])('$name → $problem', ({ change, problem }) => {
    const env = { ...goodEnv(), ...change };
    const result = findStartupProblem(env);
    expect(result).toBe(problem);
    for (const secret of [SECRET, TOKEN, anaHash, 'hunter2']) expect(result ?? '').not.toContain(secret);
  });

  test('the first problem wins, in a fixed order', () => {
    expect(findStartupProblem({})).toMatch(/^NEXTAUTH_SECRET /);
    expect(findStartupProblem({ NEXTAUTH_SECRET: SECRET })).toMatch(/^NEXTAUTH_URL /);
    expect(findStartupProblem({ NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: 'https://x.test' })).toBe('TALKOVER_API_TOKEN is not set');
  });
});
