// Retries of an idempotent Talkover GET: only failures a second try can fix, at most twice, with
// full-jitter backoff, and never past the call's deadline.
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { backoffMs, isRetryable, MAX_RETRIES, withRetries } from '@/lib/talkover/retry';
import { ManualClock } from '../support/manual-clock';

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const FAR = NOW + 60_000;

const timeout = () => new AppError('upstream_timeout', { retryable: true });
const unavailable = (retryable: boolean) => new AppError('upstream_unavailable', { retryable });

/** An attempt that fails with `errors` in turn, then succeeds with 'ok'. */
function attemptFailing(...errors: unknown[]) {
  return vi.fn(async (retry: number) => {
    if (retry < errors.length) throw errors[retry];
    return 'ok';
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

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

describe('withRetries', () => {
  test('a first success is returned at once, without sleeping', async () => {
    const clock = new ManualClock(NOW);
    const attempt = attemptFailing();
    await expect(withRetries(attempt, { clock, deadlineAt: FAR, random: () => 1 })).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(clock.now()).toBe(NOW);
  });

  test.each([
    ['timeouts', timeout],
    ['network failures and 502/503/504', () => unavailable(true)],
  ])('retries %s, numbering the tries, and succeeds on the third', async (_name, makeError) => {
    const clock = new ManualClock(NOW);
    const attempt = attemptFailing(makeError(), makeError());
    await expect(withRetries(attempt, { clock, deadlineAt: FAR, random: () => 1 })).resolves.toBe('ok');
    expect(attempt.mock.calls.map(([retry]) => retry)).toEqual([0, 1, 2]);
    // Slept 200 ms, then 400 ms, on the injected clock.
    expect(clock.now()).toBe(NOW + 600);
  });

  test(`gives up after ${MAX_RETRIES} retries and throws the last error`, async () => {
    expect(MAX_RETRIES).toBe(2);
    const clock = new ManualClock(NOW);
    const errors = [timeout(), unavailable(true), timeout(), timeout()];
    const attempt = attemptFailing(...errors);
    const error = await rejection(withRetries(attempt, { clock, deadlineAt: FAR, random: () => 0.5 }));
    expect(attempt).toHaveBeenCalledTimes(3);
    expect(error).toBe(errors[2]);
    expect(clock.now()).toBe(NOW + 100 + 200);
  });

  test.each<[string, unknown]>([
    ['a 500', unavailable(false)],
    ['a rate limit', new AppError('upstream_rate_limited', { retryAfterSeconds: 30 })],
    ['a rejected token', new AppError('upstream_rejected_token')],
    ['a rejected request, even marked retryable', new AppError('upstream_rejected_request', { retryable: true })],
    ['a bad payload', new AppError('upstream_bad_payload')],
    ['a non-AppError', new TypeError('x is not a function')],
  ])('never retries %s', async (_name, thrown) => {
    const clock = new ManualClock(NOW);
    const attempt = attemptFailing(thrown);
    expect(await rejection(withRetries(attempt, { clock, deadlineAt: FAR, random: () => 1 }))).toBe(thrown);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(clock.now()).toBe(NOW);
  });

  test('stops retrying once a retryable failure is followed by a final one', async () => {
    const clock = new ManualClock(NOW);
    const final = new AppError('upstream_rejected_token');
    const attempt = attemptFailing(timeout(), final);
    expect(await rejection(withRetries(attempt, { clock, deadlineAt: FAR, random: () => 0 }))).toBe(final);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  describe('the deadline', () => {
    // With random() = 1 the first backoff is 200 ms and the second 400 ms; a retry also needs
    // 100 ms left for the try itself.
    test.each([
      { deadlineIn: 300, tries: 1, slept: 0 },
      { deadlineIn: 301, tries: 2, slept: 200 },
      { deadlineIn: 700, tries: 2, slept: 200 },
      { deadlineIn: 701, tries: 3, slept: 600 },
    ])('ending $deadlineIn ms from now allows $tries tries', async ({ deadlineIn, tries, slept }) => {
      const clock = new ManualClock(NOW);
      const errors = [timeout(), timeout(), timeout()];
      const attempt = attemptFailing(...errors);
      const error = await rejection(withRetries(attempt, { clock, deadlineAt: NOW + deadlineIn, random: () => 1 }));
      expect(attempt).toHaveBeenCalledTimes(tries);
      expect(error).toBe(errors[tries - 1]);
      // It gave up instead of sleeping past the deadline.
      expect(clock.now()).toBe(NOW + slept);
      expect(clock.now()).toBeLessThan(NOW + deadlineIn);
    });

    test('time spent in the tries themselves counts too', async () => {
      const clock = new ManualClock(NOW);
      const attempt = vi.fn(async () => {
        clock.advance(900); // a try that took 900 ms before timing out
        throw timeout();
      });
      await rejection(withRetries(attempt, { clock, deadlineAt: NOW + 1_000, random: () => 0 }));
      expect(attempt).toHaveBeenCalledTimes(1);
      expect(clock.now()).toBe(NOW + 900);
    });

    test('a deadline already past means one try and no sleep', async () => {
      const clock = new ManualClock(NOW);
      const attempt = attemptFailing(timeout(), timeout());
      await rejection(withRetries(attempt, { clock, deadlineAt: NOW - 1, random: () => 0 }));
      expect(attempt).toHaveBeenCalledTimes(1);
      expect(clock.now()).toBe(NOW);
    });
  });
});
