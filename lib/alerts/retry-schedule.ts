/**
 * When a failed webhook or email is tried again: after 30 s, then doubling (1, 2, 4, 8, 16 min…),
 * for up to an hour after the first try; then it is recorded as failed. Pure.
 */
export const FIRST_RETRY_MS = 30_000;
export const RETRY_FOR_MS = 60 * 60_000;

/** When to try next after `attempts` failed tries, or null to give up. */
export function nextAttemptAt(firstAttemptAt: number, attempts: number, now: number): number | null {
  const next = now + FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1);
  const deadline = firstAttemptAt + RETRY_FOR_MS;
  if (now >= deadline) return null;
  return Math.min(next, deadline);
}
