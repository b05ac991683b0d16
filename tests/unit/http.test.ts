import { afterEach, describe, expect, test, vi } from 'vitest';
import { AppError, type AppErrorKind } from '@/lib/errors';
import { errorResponse, parseRetryAfter, PRIVATE_NO_STORE } from '@/lib/http';

afterEach(() => {
  vi.restoreAllMocks();
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
    expect(JSON.parse(line)).toEqual({ event: 'unexpected_error', name: logged });
    expect(line).not.toContain('test_token_value');
  });
});
