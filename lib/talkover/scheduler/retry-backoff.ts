import 'server-only';
import { AppError } from '../../errors';

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
 * How long to wait before retry number `retry + 1` of an idempotent GET that failed with `error`,
 * or null for no retry: not a failure a retry can fix, retries used up, or the backoff (plus
 * 100 ms for the try itself) would cross the call's deadline.
 */
export function retryWaitMs(
  retry: number,
  error: unknown,
  { now, deadlineAt, random }: { now: number; deadlineAt: number; random?: () => number },
): number | null {
  if (retry >= MAX_RETRIES || !isRetryable(error)) return null;
  const wait = backoffMs(retry, random);
  return now + wait + 100 >= deadlineAt ? null : wait;
}
