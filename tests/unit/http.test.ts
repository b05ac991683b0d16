import { afterEach, describe, expect, test, vi } from 'vitest';
import { AppError, type AppErrorKind } from '@/lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('errorResponse', () => {
  test('an AppError made by another copy of the module (another Next bundle) is still one, not a 500', async () => {
    vi.resetModules();
    const { AppError: OtherCopy } = await import('@/lib/errors');
    expect(OtherCopy).not.toBe(AppError);
    const crossed = new OtherCopy('upstream_rate_limited', { retryAfterSeconds: 5 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(crossed);
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('upstream_rate_limited');
    expect(logged).not.toHaveBeenCalled();
    expect(crossed).toBeInstanceOf(AppError);
    expect(new Error('x')).not.toBeInstanceOf(AppError);
    expect(Object.assign(new Error('x'), { kind: 'internal', code: 'internal' })).not.toBeInstanceOf(AppError);
  });

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
