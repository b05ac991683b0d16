import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { authorizeCredentials } from '@/lib/auth/credentials';
import { toSafeCallbackPath } from '@/lib/auth/callback-url';
import { hashPassword as mockedHashPassword, verifyPassword as mockedVerifyPassword } from '@/lib/auth/password';
import { normaliseEmail, parseAuthUsers } from '@/lib/auth/users';
import { AppError, type AppErrorKind } from '@/lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';
import { parseRetryAfter } from '@/lib/talkover/retry-after';
import { findStartupProblem } from '@/lib/startup-check';

/**
 * authorizeCredentials hashes a dummy password at the default (OWASP) cost for unknown emails.
 * To keep the suite fast, the default cost is lowered here; the real module is tested through
 * `real` below, and one test still checks the default encoding at full cost.
 */
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/password')>();
  return {
    ...actual,
    hashPassword: vi.fn((password: string, cost = { logN: 10, r: 8, p: 1 }) => actual.hashPassword(password, cost)),
    verifyPassword: vi.fn(actual.verifyPassword),
  };
});

const real = await vi.importActual<typeof import('@/lib/auth/password')>('@/lib/auth/password');

const FAST = { logN: 10, r: 8, p: 1 };
const B64URL = '[A-Za-z0-9_-]';
const SALT = 'A'.repeat(22);
const KEY = 'B'.repeat(43);

let anaHash: string;
let boHash: string;

beforeAll(async () => {
  [anaHash, boHash] = await Promise.all([
    real.hashPassword('correct horse battery staple', FAST),
    real.hashPassword('hunter2-but-longer', FAST),
  ]);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.mocked(mockedVerifyPassword).mockClear();
  vi.mocked(mockedHashPassword).mockClear();
});

describe('password hashing', () => {
  // The only hash at full cost (~0.5 s): verification is covered at a lower cost below.
  test('the default cost encodes as scrypt.17.8.1.<salt>.<key>', async () => {
    const hash = await real.hashPassword('correct horse battery staple');
    expect(hash).toMatch(new RegExp(`^scrypt\\.17\\.8\\.1\\.${B64URL}{22}\\.${B64URL}{43}$`));
    expect(real.isPasswordHash(hash)).toBe(true);
  });

  test('a lower cost is encoded in the hash', () => {
    expect(anaHash).toMatch(new RegExp(`^scrypt\\.10\\.8\\.1\\.${B64URL}{22}\\.${B64URL}{43}$`));
  });

  test('round trip: the right password verifies, others do not', async () => {
    await expect(real.verifyPassword('correct horse battery staple', anaHash)).resolves.toBe(true);
    await expect(real.verifyPassword('correct horse battery stapl', anaHash)).resolves.toBe(false);
    await expect(real.verifyPassword('Correct horse battery staple', anaHash)).resolves.toBe(false);
    await expect(real.verifyPassword('', anaHash)).resolves.toBe(false);
    await expect(real.verifyPassword('correct horse battery staple', boHash)).resolves.toBe(false);
  });

  test('the same password hashes differently each time (random salt)', async () => {
    const again = await real.hashPassword('correct horse battery staple', FAST);
    expect(again).not.toBe(anaHash);
    expect(again.split('.')[4]).not.toBe(anaHash.split('.')[4]);
    await expect(real.verifyPassword('correct horse battery staple', again)).resolves.toBe(true);
  });

  test('passwords are compared in NFC, so composed and decomposed accents match', async () => {
    const hash = await real.hashPassword('caf\u00e9', FAST);
    await expect(real.verifyPassword('cafe\u0301', hash)).resolves.toBe(true);
  });

  test('a hash has no $, comma, colon or whitespace, whatever the password', async () => {
    const hash = await real.hashPassword('$pa:ss, word\n$HOME', FAST);
    expect(hash).not.toMatch(/[$,:\s]/);
    await expect(real.verifyPassword('$pa:ss, word\n$HOME', hash)).resolves.toBe(true);
  });

  const encoded = (logN: number | string, r: number | string, p: number | string, salt = SALT, key = KEY) =>
    `scrypt.${logN}.${r}.${p}.${salt}.${key}`;

  test.each([
    { name: 'logN 10 (lowest)', value: encoded(10, 8, 1), valid: true },
    { name: 'logN 18, r 8 (256 MiB, the most allowed)', value: encoded(18, 8, 1), valid: true },
    { name: 'logN 19, r 8 (512 MiB)', value: encoded(19, 8, 1), valid: false },
    { name: 'logN 20, r 32 (4 GiB)', value: encoded(20, 32, 1), valid: false },
    { name: 'logN 9', value: encoded(9, 8, 1), valid: false },
    { name: 'logN 21', value: encoded(21, 8, 1), valid: false },
    { name: 'logN 3 digits', value: encoded('017', 8, 1), valid: false },
    { name: 'r 1', value: encoded(17, 1, 1), valid: true },
    { name: 'r 16 at logN 17 (256 MiB)', value: encoded(17, 16, 1), valid: true },
    { name: 'r 32 at logN 17 (512 MiB)', value: encoded(17, 32, 1), valid: false },
    { name: 'r 0', value: encoded(17, 0, 1), valid: false },
    { name: 'r 33', value: encoded(17, 33, 1), valid: false },
    { name: 'p 16', value: encoded(17, 8, 16), valid: true },
    { name: 'p 0', value: encoded(17, 8, 0), valid: false },
    { name: 'p 17', value: encoded(17, 8, 17), valid: false },
    { name: 'salt of 16 chars', value: encoded(17, 8, 1, 'A'.repeat(16)), valid: true },
    { name: 'salt of 15 chars', value: encoded(17, 8, 1, 'A'.repeat(15)), valid: false },
    { name: 'key of 32 chars', value: encoded(17, 8, 1, SALT, 'B'.repeat(32)), valid: true },
    { name: 'key of 31 chars', value: encoded(17, 8, 1, SALT, 'B'.repeat(31)), valid: false },
    { name: 'standard base64 in the salt', value: encoded(17, 8, 1, `${'A'.repeat(20)}+/`), valid: false },
    { name: 'a $ in the key', value: encoded(17, 8, 1, SALT, `${'B'.repeat(42)}$`), valid: false },
    { name: 'a trailing newline', value: `${encoded(17, 8, 1)}\n`, valid: false },
    { name: 'another scheme', value: `bcrypt.17.8.1.${SALT}.${KEY}`, valid: false },
    { name: 'a PHC-style string', value: `$scrypt$ln=17,r=8,p=1$${SALT}$${KEY}`, valid: false },
    { name: 'a plaintext password', value: 'hunter2', valid: false },
    { name: 'empty', value: '', valid: false },
  ])('isPasswordHash: $name → $valid', ({ value, valid }) => {
    expect(real.isPasswordHash(value)).toBe(valid);
  });

  test.each(['hunter2', '', encoded(9, 8, 1), `${encoded(10, 8, 1)} `])('verifyPassword refuses %j without throwing', async (hash) => {
    await expect(real.verifyPassword('hunter2', hash)).resolves.toBe(false);
  });
});

describe('parseAuthUsers', () => {
  test('a single entry', () => {
    const parsed = parseAuthUsers(`ana@example.com:${anaHash}`);
    expect(parsed).toEqual({ ok: true, users: new Map([['ana@example.com', { email: 'ana@example.com', passwordHash: anaHash }]]) });
  });

  test.each([
    { name: 'comma', join: (a: string, b: string) => `${a},${b}` },
    { name: 'comma and spaces', join: (a: string, b: string) => ` ${a} , ${b} ` },
    { name: 'spaces', join: (a: string, b: string) => `${a}   ${b}` },
    { name: 'newlines', join: (a: string, b: string) => `\n${a}\n${b}\n` },
    { name: 'CRLF', join: (a: string, b: string) => `${a}\r\n${b}\r\n` },
    { name: 'tabs and stray commas', join: (a: string, b: string) => `,${a},,\t${b},` },
  ])('two entries separated by $name', ({ join }) => {
    const parsed = parseAuthUsers(join(`ana@example.com:${anaHash}`, `bo@example.com:${boHash}`));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect([...parsed.users.keys()]).toEqual(['ana@example.com', 'bo@example.com']);
    expect(parsed.users.get('ana@example.com')).toEqual({ email: 'ana@example.com', passwordHash: anaHash });
    expect(parsed.users.get('bo@example.com')).toEqual({ email: 'bo@example.com', passwordHash: boHash });
  });

  test('emails are case-insensitive (stored lower-case)', () => {
    const parsed = parseAuthUsers(`Ana.Silva@Example.COM:${anaHash}`);
    expect(parsed.ok && [...parsed.users.values()]).toEqual([{ email: 'ana.silva@example.com', passwordHash: anaHash }]);
    expect(normaliseEmail('  Ana.Silva@Example.COM ')).toBe('ana.silva@example.com');
  });

  test.each([undefined, '', '   ', ' ,\n, '])('%j → AUTH_USERS is not set', (value) => {
    expect(parseAuthUsers(value)).toEqual({ ok: false, problem: 'AUTH_USERS is not set' });
  });

  const hashOf = () => anaHash;
  test.each([
    { name: 'no colon', value: () => `ana@example.com:${hashOf()},bo@example.com`, problem: 'AUTH_USERS entry 2 is not in the form email:hash' },
    { name: 'only a hash', value: () => hashOf(), problem: 'AUTH_USERS entry 1 is not in the form email:hash' },
    { name: 'empty email', value: () => `:${hashOf()}`, problem: 'AUTH_USERS entry 1 is not in the form email:hash' },
    { name: 'not an email', value: () => `ana:${hashOf()}`, problem: 'AUTH_USERS entry 1 does not start with an email address' },
    {
      name: 'a plaintext password',
      value: () => `ana@example.com:${hashOf()} bo@example.com:hunter2`,
      problem: 'AUTH_USERS entry 2 has no valid password hash (make one with npm run hash-password)',
    },
    {
      name: 'a hash of too low a cost',
      value: () => `ana@example.com:${hashOf().replace(/^scrypt\.10\./, 'scrypt.9.')}`,
      problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)',
    },
    {
      name: 'a truncated hash',
      value: () => `ana@example.com:${hashOf().slice(0, 40)}`,
      problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)',
    },
    {
      name: 'a duplicate email differing in case',
      value: () => `ana@example.com:${hashOf()},ANA@Example.com:${boHash}`,
      problem: 'AUTH_USERS entry 2 repeats ana@example.com',
    },
    {
      name: 'the third entry wrong',
      value: () => `ana@example.com:${hashOf()} bo@example.com:${boHash} cy@example.com:x`,
      problem: 'AUTH_USERS entry 3 has no valid password hash (make one with npm run hash-password)',
    },
  ])('malformed: $name', ({ value, problem }) => {
    const parsed = parseAuthUsers(value());
    expect(parsed).toEqual({ ok: false, problem });
    if (parsed.ok) return;
    for (const secret of [anaHash, boHash, anaHash.split('.')[5]!, 'hunter2', anaHash.slice(0, 40)]) {
      expect(parsed.problem).not.toContain(secret);
    }
  });
});

describe('toSafeCallbackPath', () => {
  test.each<{ value: string | string[] | undefined | null; path: string }>([
    { value: '/?range=7d', path: '/?range=7d' },
    { value: '/', path: '/' },
    { value: '/?start_date=2026-03-01&end_date=2026-03-10', path: '/?start_date=2026-03-01&end_date=2026-03-10' },
    { value: '/stats/sources#top', path: '/stats/sources#top' },
    { value: '/%2F%2Fevil.com', path: '/%2F%2Fevil.com' },
    { value: ['/?range=7d', '//evil.com'], path: '/?range=7d' },
    { value: `/${'a'.repeat(2047)}`, path: `/${'a'.repeat(2047)}` },
    { value: '//evil.com', path: '/' },
    { value: '///evil.com', path: '/' },
    { value: 'https://evil.com', path: '/' },
    { value: 'http://localhost:3000/', path: '/' },
    { value: '/\\evil.com', path: '/' },
    { value: '/foo\\bar', path: '/' },
    { value: 'javascript:alert(1)', path: '/' },
    { value: 'evil.com', path: '/' },
    { value: '?range=7d', path: '/' },
    { value: ' /?range=7d', path: '/' },
    { value: '', path: '/' },
    { value: undefined, path: '/' },
    { value: null, path: '/' },
    { value: [], path: '/' },
    { value: ['//evil.com', '/?range=7d'], path: '/' },
    { value: '/\t/evil.com', path: '/' },
    { value: '/\n/evil.com', path: '/' },
    { value: '/\r\nSet-Cookie: x=1', path: '/' },
    { value: '/\u0000', path: '/' },
    { value: '/\u007f', path: '/' },
    { value: `/${'a'.repeat(2048)}`, path: '/' },
  ])('$value → $path', ({ value, path }) => {
    expect(toSafeCallbackPath(value)).toBe(path);
  });
});

describe('authorizeCredentials', () => {
  const setUsers = () => vi.stubEnv('AUTH_USERS', `ana@example.com:${anaHash}\nbo@example.com:${boHash}`);

  test('the right password → the user, identified by email', async () => {
    setUsers();
    await expect(authorizeCredentials({ email: 'ana@example.com', password: 'correct horse battery staple' })).resolves.toEqual({
      id: 'ana@example.com',
      email: 'ana@example.com',
    });
    await expect(authorizeCredentials({ email: 'bo@example.com', password: 'hunter2-but-longer' })).resolves.toEqual({
      id: 'bo@example.com',
      email: 'bo@example.com',
    });
  });

  test.each([' ANA@Example.com ', 'Ana@example.com', 'ana@EXAMPLE.COM'])('email %j is matched case-insensitively', async (email) => {
    setUsers();
    await expect(authorizeCredentials({ email, password: 'correct horse battery staple' })).resolves.toEqual({
      id: 'ana@example.com',
      email: 'ana@example.com',
    });
  });

  test.each([
    { name: 'wrong password', input: { email: 'ana@example.com', password: 'correct horse battery stapler' } },
    { name: "another user's password", input: { email: 'ana@example.com', password: 'hunter2-but-longer' } },
    { name: 'unknown email', input: { email: 'eve@example.com', password: 'correct horse battery staple' } },
  ])('$name → null, after a full password check', async ({ input }) => {
    setUsers();
    await expect(authorizeCredentials(input)).resolves.toBeNull();
    // An unknown email is checked against a dummy hash, so it takes as long as a wrong password.
    expect(mockedVerifyPassword).toHaveBeenCalledTimes(1);
    expect(vi.mocked(mockedVerifyPassword).mock.calls[0]![0]).toBe(input.password);
    expect(real.isPasswordHash(vi.mocked(mockedVerifyPassword).mock.calls[0]![1])).toBe(true);
  });

  test.each<{ name: string; input: unknown }>([
    { name: 'undefined', input: undefined },
    { name: 'null', input: null },
    { name: 'a string', input: 'ana@example.com:correct horse battery staple' },
    { name: 'an empty object', input: {} },
    { name: 'no password', input: { email: 'ana@example.com' } },
    { name: 'an empty password', input: { email: 'ana@example.com', password: '' } },
    { name: 'a numeric password', input: { email: 'ana@example.com', password: 12345 } },
    { name: 'an array email', input: { email: ['ana@example.com'], password: 'correct horse battery staple' } },
    { name: 'a password over 1024 chars', input: { email: 'ana@example.com', password: 'x'.repeat(1025) } },
    { name: 'an email over 320 chars', input: { email: `${'a'.repeat(310)}@example.com`, password: 'correct horse battery staple' } },
  ])('bad input ($name) → null without hashing', async ({ input }) => {
    setUsers();
    await expect(authorizeCredentials(input)).resolves.toBeNull();
    expect(mockedVerifyPassword).not.toHaveBeenCalled();
  });

  test('a broken AUTH_USERS → null, logged without the hash', async () => {
    vi.stubEnv('AUTH_USERS', `ana@example.com:${anaHash.slice(0, 30)}`);
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(authorizeCredentials({ email: 'ana@example.com', password: 'correct horse battery staple' })).resolves.toBeNull();
    expect(errorSpy).toHaveBeenCalledTimes(1);
    const line = String(errorSpy.mock.calls[0]![0]);
    expect(JSON.parse(line)).toEqual({
      event: 'auth_misconfigured',
      problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)',
    });
    expect(line).not.toContain(anaHash.slice(0, 30));
  });

  test('no AUTH_USERS → null', async () => {
    vi.stubEnv('AUTH_USERS', '');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(authorizeCredentials({ email: 'ana@example.com', password: 'correct horse battery staple' })).resolves.toBeNull();
  });
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
    { name: 'NEXTAUTH_SECRET missing', change: { NEXTAUTH_SECRET: undefined }, problem: 'NEXTAUTH_SECRET is not set (generate one with: openssl rand -base64 32)' },
    { name: 'NEXTAUTH_SECRET blank', change: { NEXTAUTH_SECRET: '  ' }, problem: 'NEXTAUTH_SECRET is not set (generate one with: openssl rand -base64 32)' },
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
      change: { AUTH_OIDC_ISSUER: 'http://id.example.com', AUTH_OIDC_CLIENT_ID: 'd', AUTH_OIDC_CLIENT_SECRET: 's', AUTH_ALLOWED_DOMAINS: 'example.com' },
      problem: 'AUTH_OIDC_ISSUER must be an https URL (plain http only for localhost)',
    },
    {
      name: 'SSO without an allow-list',
      change: { AUTH_GOOGLE_ID: 'g', AUTH_GOOGLE_SECRET: 's' },
      problem: 'an SSO provider is configured but AUTH_ALLOWED_EMAILS and AUTH_ALLOWED_DOMAINS are both empty (anyone with an account there could sign in)',
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
    { name: 'AUTH_USERS malformed', change: { AUTH_USERS: 'ana@example.com:hunter2' }, problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)' },
    { name: 'APP_TIMEZONE invalid', change: { APP_TIMEZONE: 'Mars/Olympus_Mons' }, problem: 'APP_TIMEZONE is not a valid IANA timezone (e.g. America/Sao_Paulo)' },
    { name: 'APP_TIMEZONE unset (UTC)', change: { APP_TIMEZONE: undefined }, problem: null },
    { name: 'APP_TIMEZONE empty (UTC)', change: { APP_TIMEZONE: '' }, problem: null },
    { name: 'APP_DEFAULT_LOCALE pt-BR', change: { APP_DEFAULT_LOCALE: 'pt-BR' }, problem: null },
    { name: 'APP_DEFAULT_LOCALE in another case', change: { APP_DEFAULT_LOCALE: 'pt-br' }, problem: null },
    { name: 'APP_DEFAULT_LOCALE unsupported', change: { APP_DEFAULT_LOCALE: 'de' }, problem: 'APP_DEFAULT_LOCALE must be one of: en, pt-BR' },
    { name: 'APP_DEFAULT_LOCALE a language without its region', change: { APP_DEFAULT_LOCALE: 'pt' }, problem: 'APP_DEFAULT_LOCALE must be one of: en, pt-BR' },
    { name: 'TALKOVER_API_URL unset (default)', change: { TALKOVER_API_URL: undefined }, problem: null },
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

describe('parseRetryAfter', () => {
  const NOW = new Date('2026-03-15T12:00:00Z');

  test.each<{ value: string | null; now?: Date; seconds: number | undefined }>([
    { value: '30', seconds: 30 },
    { value: ' 30 ', seconds: 30 },
    { value: '0', seconds: 0 },
    { value: '86400', seconds: 86_400 },
    { value: '86401', seconds: 86_400 },
    { value: '99999999999999999999', seconds: 86_400 },
    { value: 'Sun, 15 Mar 2026 12:01:30 GMT', seconds: 90 },
    { value: 'Sun, 15 Mar 2026 12:00:00 GMT', seconds: 0 },
    { value: 'Sun, 15 Mar 2026 11:00:00 GMT', seconds: 0 },
    { value: 'Tue, 17 Mar 2026 12:00:00 GMT', seconds: 86_400 },
    { value: 'Sun, 15 Mar 2026 12:01:00 GMT', now: new Date('2026-03-15T12:00:00.500Z'), seconds: 60 },
    { value: null, seconds: undefined },
    { value: '', seconds: undefined },
    { value: 'soon', seconds: undefined },
    { value: '30s', seconds: undefined },
    // Neither delta-seconds nor an HTTP date: unreadable, so no hint (not "retry now").
    { value: '-5', seconds: undefined },
    { value: '1.5', seconds: undefined },
  ])('$value → $seconds', ({ value, now, seconds }) => {
    expect(parseRetryAfter(value, now ?? NOW)).toBe(seconds);
  });
});

describe('errorResponse', () => {
  test('an AppError with Retry-After: envelope, status and headers', async () => {
    const response = errorResponse(new AppError('upstream_rate_limited', { retryAfterSeconds: 30 }));
    expect(response.status).toBe(503);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(PRIVATE_NO_STORE).toBe('private, no-store');
    expect(response.headers.get('Retry-After')).toBe('30');
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    await expect(response.json()).resolves.toStrictEqual({
      error: {
        code: 'upstream_rate_limited',
        message: "Talkover's rate limit was reached. Try again in a minute.",
        retry_after_seconds: 30,
      },
    });
  });

  test('Retry-After 0 is still sent', async () => {
    const response = errorResponse(new AppError('upstream_rate_limited', { retryAfterSeconds: 0 }));
    expect(response.headers.get('Retry-After')).toBe('0');
    expect((await response.json()).error.retry_after_seconds).toBe(0);
  });

  test('a finer code and a custom message, no Retry-After', async () => {
    const response = errorResponse(
      new AppError('bad_request', { code: 'reversed_range', message: 'The start date (2026-03-10) is after the end date (2026-03-01).' }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('Retry-After')).toBeNull();
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    await expect(response.json()).resolves.toStrictEqual({
      error: { code: 'reversed_range', message: 'The start date (2026-03-10) is after the end date (2026-03-01).' },
    });
  });

  test.each<{ kind: AppErrorKind; status: number }>([
    { kind: 'unauthorized', status: 401 },
    { kind: 'server_misconfigured', status: 503 },
    { kind: 'upstream_rejected_token', status: 502 },
    { kind: 'upstream_timeout', status: 504 },
    { kind: 'upstream_bad_payload', status: 502 },
  ])('$kind → $status with code $kind', async ({ kind, status }) => {
    const response = errorResponse(new AppError(kind));
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(kind);
  });

  test.each<{ name: string; error: unknown; logged: string }>([
    { name: 'an Error', error: new Error('connect ECONNREFUSED token=test_token_value'), logged: 'Error' },
    { name: 'a TypeError', error: new TypeError("Cannot read properties of undefined (reading 'test_token_value')"), logged: 'TypeError' },
    { name: 'a thrown string', error: 'boom test_token_value', logged: 'string' },
    { name: 'undefined', error: undefined, logged: 'undefined' },
  ])('$name → 500 internal without leaking its message', async ({ error, logged }) => {
    vi.stubEnv('TALKOVER_API_TOKEN', 'test_token_value');
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(error);
    expect(response.status).toBe(500);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(response.headers.get('Retry-After')).toBeNull();
    const text = await response.text();
    expect(JSON.parse(text)).toStrictEqual({
      error: { code: 'internal', message: 'Something went wrong on the server. Try again; if it persists, ask an admin.' },
    });
    expect(text).not.toContain('test_token_value');
    expect(errorSpy).toHaveBeenCalledTimes(1);
    const line = String(errorSpy.mock.calls[0]![0]);
    // Logged with its message (the token filtered out), for whoever debugs it.
    expect(JSON.parse(line)).toMatchObject({ event: 'unexpected_error', error: { name: logged } });
    expect(line).not.toContain('test_token_value');
    if (error !== undefined) expect(line).toContain('[redacted]');
  });
});
