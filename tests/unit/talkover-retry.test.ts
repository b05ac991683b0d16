// Retries of an idempotent Talkover GET: only failures a second try can fix, at most twice, with
// full-jitter backoff, and never past the call's deadline.
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { backoffMs, isRetryable, MAX_RETRIES, retryWaitMs } from '@/lib/talkover/scheduler/retry-backoff';

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);

const timeout = () => new AppError('upstream_timeout', { retryable: true });
const unavailable = (retryable: boolean) => new AppError('upstream_unavailable', { retryable });

describe('isRetryable', () => {
  test.each<[string, unknown, boolean]>([
    ['a timeout', new AppError('upstream_timeout'), true],
    ['a network failure or 502/503/504', unavailable(true), true],
    ['a 500 (not marked retryable)', unavailable(false), false],
    ['a rate limit', new AppError('upstream_rate_limited', { retryAfterSeconds: 30 }), false],
    ['a rejected token (401/403)', new AppError('upstream_rejected_token'), false],
    ['a rejected request (4xx)', new AppError('upstream_rejected_request'), false],
    ['a 4xx kind even when marked retryable', new AppError('upstream_rejected_request', { retryable: true }), false],
    ['a rate limit even when marked retryable', new AppError('upstream_rate_limited', { retryable: true }), false],
    ['a bad payload', new AppError('upstream_bad_payload'), false],
    ['a bad request', new AppError('bad_request'), false],
    ['a misconfiguration', new AppError('server_misconfigured'), false],
    ['a plain Error', new Error('boom'), false],
    ['a TypeError from fetch', new TypeError('fetch failed'), false],
    ['a string', 'upstream_timeout', false],
    ['undefined', undefined, false],
  ])('%s → %s', (_name, error, retryable) => {
    expect(isRetryable(error)).toBe(retryable);
  });
});

describe('backoffMs (full jitter)', () => {
  test.each([
    [0, 200],
    [1, 400],
    [2, 800],
    [3, 1600],
    [4, 2000],
    [10, 2000],
  ])('retry %i waits between 0 and %i ms', (retry, cap) => {
    expect(backoffMs(retry, () => 0)).toBe(0);
    expect(backoffMs(retry, () => 1)).toBe(cap);
    expect(backoffMs(retry, () => 0.5)).toBe(cap / 2);
  });

  test('any random() in [0, 1) gives a whole wait in [0, min(2000, 200·2^n))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, random) => {
        const wait = backoffMs(retry, () => random);
        expect(Number.isInteger(wait)).toBe(true);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(Math.min(2000, 200 * 2 ** retry));
      }),
    );
  });

  test('uses Math.random by default', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    try {
      expect(backoffMs(1)).toBe(100);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('retryWaitMs (the scheduler asks it after every failed try)', () => {
  const at = (deadlineIn: number, random = () => 1) => ({ now: NOW, deadlineAt: NOW + deadlineIn, random });

  test.each([
    ['timeouts', timeout],
    ['network failures and 502/503/504', () => unavailable(true)],
  ])('retries %s: 200 ms, then 400 ms, then no more', (_name, makeError) => {
    expect(retryWaitMs(0, makeError(), at(60_000))).toBe(200);
    expect(retryWaitMs(1, makeError(), at(60_000))).toBe(400);
    expect(MAX_RETRIES).toBe(2);
    expect(retryWaitMs(MAX_RETRIES, makeError(), at(60_000))).toBeNull();
  });

  test.each<[string, unknown]>([
    ['a 500', unavailable(false)],
    ['a rate limit', new AppError('upstream_rate_limited', { retryAfterSeconds: 30 })],
    ['a rejected token', new AppError('upstream_rejected_token')],
    ['a rejected request, even marked retryable', new AppError('upstream_rejected_request', { retryable: true })],
    ['a bad payload', new AppError('upstream_bad_payload')],
    ['a non-AppError', new TypeError('x is not a function')],
  ])('never retries %s', (_name, thrown) => {
    expect(retryWaitMs(0, thrown, at(60_000))).toBeNull();
  });

  describe('the deadline', () => {
    // With random() = 1 the first backoff is 200 ms; a retry also needs 100 ms left for the try.
    test.each([
      { deadlineIn: 300, wait: null },
      { deadlineIn: 301, wait: 200 },
    ])('ending $deadlineIn ms from now: $wait', ({ deadlineIn, wait }) => {
      expect(retryWaitMs(0, timeout(), at(deadlineIn))).toBe(wait);
    });

    test('a deadline already past means no retry', () => {
      expect(
        retryWaitMs(
          0,
          timeout(),
          at(-1, () => 0),
        ),
      ).toBeNull();
    });
  });
});
