/**
 * The budget's pure rules: how much may be spent in which windows, and when Talkover's answer
 * says to stop. No clock, no store: both stores (memory.ts, redis.ts) apply these.
 */
const MINUTE_MS = 60_000;
/** The sustained spend: any two minutes hold at most 80% of two minutes' limit. */
export const SUSTAINED_SHARE = 0.8;

/**
 * The windows every call must fit in, wherever they start: no minute over 90% of Talkover's
 * limit (a cold view's burst goes out at once), and no two minutes over 80% of two minutes'
 * worth (a burst is paid back within the next minute, so spend averaged over any two minutes,
 * or anything longer, stays at 80%). Series calls (trend buckets) leave 40% of the minute and
 * half of the two minutes to the figures people are looking at, so a cold morning's trends
 * cannot use up what the totals and comparisons opened in the same minutes need, while one
 * cold daily month (31 buckets) still loads at once.
 */
const WINDOWS = [
  { ms: MINUTE_MS, share: 0.9, seriesReserveShare: 0.4 },
  { ms: 2 * MINUTE_MS, share: SUSTAINED_SHARE, seriesReserveShare: 0.5 },
] as const;
/** Calls are remembered this long: the longest window. */
export const LONGEST_WINDOW_MS = Math.max(...WINDOWS.map((window) => window.ms));

/** A window at a limit: at most `cap` calls in any `ms`, series calls at most `cap − seriesReserve`. */
export type WindowCap = { cap: number; ms: number; seriesReserve: number };

/** The caps at a limit, shared with the Redis script (redis.ts) so both spend alike. */
export function budgetCaps(limitPerMinute: number): WindowCap[] {
  const caps = WINDOWS.map(({ ms, share }) => Math.max(1, Math.floor(limitPerMinute * share * (ms / MINUTE_MS))));
  // At tiny limits rounding could make a longer window's cap smaller than the minute's.
  for (let i = 1; i < caps.length; i += 1) caps[i] = Math.max(caps[i]!, caps[i - 1]!);
  return WINDOWS.map(({ ms, seriesReserveShare }, i) => ({ ms, cap: caps[i]!, seriesReserve: Math.ceil(caps[i]! * seriesReserveShare) }));
}

/**
 * The longest Talkover can stop the dashboard in one go: a `Retry-After: 86400` (or a reset a day
 * away) must not blank every instance for a day. After a pause, one call probes first
 * (scheduler/), and Talkover can pause it again if it is still over its limit.
 */
export const MAX_PAUSE_MS = 5 * 60_000;

/**
 * When Talkover's answer says to stop: `Retry-After` on a 429, or a remaining count of 0 with a
 * reset time (`X-RateLimit-*` or `RateLimit-*`; the reset is epoch seconds or seconds from now).
 * Returns the epoch ms to pause until (at most MAX_PAUSE_MS away), or null.
 */
export function pauseFromHeaders(status: number, headers: Headers, nowMs: number, retryAfterSeconds?: number): number | null {
  if (status === 429) return nowMs + Math.min((retryAfterSeconds ?? 60) * 1000, MAX_PAUSE_MS);
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  if (remaining === null || remaining.trim() === '' || Number(remaining.trim()) !== 0) return null;
  const reset = Number((headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset') ?? '').trim());
  if (!Number.isFinite(reset) || reset <= 0) return nowMs + 60_000;
  const untilMs = reset > 1e9 ? reset * 1000 : nowMs + reset * 1000;
  // A reset far away (or a clock skewed far off) must not stop the dashboard for long.
  return Math.min(Math.max(untilMs, nowMs), nowMs + MAX_PAUSE_MS);
}
