import 'server-only';
import { AppError } from '../errors';
import type { Clock } from './clock';

export const MAX_RETRIES = 2;
const BASE_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 2_000;

/** Only failures a second try can fix: the network, a timeout, or a 502/503/504. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.kind === 'upstream_timeout') return true;
  return error.kind === 'upstream_unavailable' && error.retryable;
}

/** "Full jitter" (AWS Architecture Blog): a random wait up to a capped exponential bound. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** retry));
}

/**
 * Runs `attempt` (an idempotent GET) up to 1 + MAX_RETRIES times before `deadlineAt`. A retry
 * whose backoff would cross the deadline is not made: the last error is thrown instead.
 */
export async function withRetries<T>(
  attempt: (retry: number) => Promise<T>,
  options: { clock: Clock; deadlineAt: number; random?: () => number },
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt(retry);
    } catch (error) {
      if (retry >= MAX_RETRIES || !isRetryable(error)) throw error;
      const wait = backoffMs(retry, options.random);
      // Keep at least 100 ms for the next try itself, or it could only time out.
      if (options.clock.now() + wait + 100 >= options.deadlineAt) throw error;
      await options.clock.sleep(wait);
    }
  }
}
