import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorResponse } from '@/lib/http';
import { logError, redact, REDACTED, toErrorLogLine } from '@/lib/log';

/**
 * Error logs carry the message and the stack, through one filter that removes secret values and
 * credentials. Every secret below is a canary: it must never appear in a log line.
 */
const SECRETS = {
  TALKOVER_API_TOKEN: 'talq_log_canary_4f1d9e7a2b',
  NEXTAUTH_SECRET: 'nextauth/log+canary=secret-0123456789abcdef',
  AUTH_OIDC_CLIENT_SECRET: 'oidc-client-secret-canary-77',
  AUTH_GOOGLE_SECRET: 'GOCSPX-google-canary-88',
  AUTH_GITHUB_SECRET: 'github-canary-secret-99',
  HEALTH_TOKEN: 'health-canary-token-1234567890',
};
const SESSION_COOKIE = 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..session-canary';

beforeEach(() => {
  for (const [name, value] of Object.entries(SECRETS)) vi.stubEnv(name, value);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function expectNoSecret(text: string) {
  for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
  expect(text).not.toContain('session-canary');
}

describe('logError', () => {
  it('logs an error whose message and stack hold the token and a cookie with both redacted, and the rest kept', () => {
    const error = new Error(`request failed: Authorization: Bearer ${SECRETS.TALKOVER_API_TOKEN}; cookie: ${SESSION_COOKIE}`);
    error.stack = `Error: token ${SECRETS.TALKOVER_API_TOKEN}\n    at callTalkover (lib/talkover/client.ts:42:7)\n    at ${SESSION_COOKIE}`;
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    logError('unexpected_error', error, { path: '/api/stats' });
    expect(errorSpy).toHaveBeenCalledTimes(1);
    const line = String(errorSpy.mock.calls[0]![0]);
    expectNoSecret(line);
    const logged = JSON.parse(line);
    expect(logged).toMatchObject({ event: 'unexpected_error', path: '/api/stats', error: { name: 'Error' } });
    // A header's value runs to the end of its line: the filter errs on the side of removing more.
    expect(logged.error.message).toBe(`request failed: Authorization: ${REDACTED}`);
    expect(logged.error.stack).toContain('at callTalkover (lib/talkover/client.ts:42:7)');
    expect(logged.error.stack).toContain(`token ${REDACTED}`);
  });

  it.each(Object.entries(SECRETS))('removes the value of %s wherever it appears', (name, value) => {
    const line = toErrorLogLine('e', new TypeError(`bad ${value}!`), { detail: `x${value}x`, [value]: 1 });
    expectNoSecret(line);
    expect(JSON.parse(line).error.message).toBe(`bad ${REDACTED}!`);
    expect(name).toBeTruthy();
  });

  it('follows the causes, as upstream errors keep the network error there', () => {
    const cause = Object.assign(new Error(`connect ECONNREFUSED with ${SECRETS.NEXTAUTH_SECRET}`), { code: 'ECONNREFUSED' });
    const logged = JSON.parse(toErrorLogLine('e', new Error('outer', { cause })));
    expect(logged.error.cause).toMatchObject({ name: 'Error', code: 'ECONNREFUSED', message: `connect ECONNREFUSED with ${REDACTED}` });
  });

  it('logs what was thrown when it is not an Error', () => {
    expect(JSON.parse(toErrorLogLine('e', `boom ${SECRETS.HEALTH_TOKEN}`)).error).toEqual({ name: 'string', message: `boom ${REDACTED}` });
  });

  it('is what errorResponse logs for an unexpected error, which used to log only its class name', async () => {
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(new RangeError(`offset out of range near ${SECRETS.TALKOVER_API_TOKEN}`));
    expect(response.status).toBe(500);
    const line = String(errorSpy.mock.calls[0]![0]);
    expectNoSecret(line);
    expect(JSON.parse(line).error).toMatchObject({ name: 'RangeError', message: `offset out of range near ${REDACTED}` });
    expect(JSON.parse(line).error.stack).toContain('log.test.ts');
  });
});

describe('redact', () => {
  it.each([
    ['Cookie: a=1; b=2', `Cookie: ${REDACTED}`],
    ['"cookie":"a=1; b=2"', `"cookie":"${REDACTED}"`],
    ['set-cookie=__Secure-next-auth.session-token=abc; Path=/', `set-cookie=${REDACTED}`],
    ['authorization: Basic dXNlcjpwYXNz', `authorization: ${REDACTED}`],
    ['sent Bearer abc.def-ghi to the API', `sent Bearer ${REDACTED} to the API`],
    ['url?x=1 __Host-next-auth.csrf-token=abc|def', `url?x=1 __Host-next-auth.csrf-token=${REDACTED}`],
    [
      'next-auth.session-token.0=part1; next-auth.session-token.1=part2',
      `next-auth.session-token.0=${REDACTED}; next-auth.session-token.1=${REDACTED}`,
    ],
    ['nothing secret here: 42 callbacks', 'nothing secret here: 42 callbacks'],
  ])('%s → %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves text alone when no secret is set', () => {
    expect(redact('plain text', [])).toBe('plain text');
  });
});

describe('REDIS_URL', () => {
  it('is a secret: the URL, and its password raw or decoded, never reach a log line', () => {
    vi.stubEnv('REDIS_URL', 'rediss://default:p%40ss-redis-canary@cache.internal:6380/0');
    const line = toErrorLogLine(
      'redis_error',
      new Error('connect rediss://default:p%40ss-redis-canary@cache.internal:6380/0 failed; AUTH p@ss-redis-canary'),
    );
    expect(line).not.toContain('p%40ss-redis-canary');
    expect(line).not.toContain('p@ss-redis-canary');
    expect(line).toContain(REDACTED);
  });
});
