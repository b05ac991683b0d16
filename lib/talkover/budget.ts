import 'server-only';
import type { Clock } from './clock';
import { RedisBudget } from './redis-budget';
import { SlidingWindowBudget } from './sliding-window-budget';

/** The share of Talkover's per-minute limit the dashboard spends over time (members' shares are cut from it). */
export { SUSTAINED_SHARE as SPEND_SHARE } from './sliding-window-budget';

export type Reservation = { ok: true; waitMs: number } | { ok: false; retryAfterMs: number };

/**
 * What a call is for. `view`: figures a person is looking at (totals, comparison). `series`:
 * trend buckets, which only spend while 40% of the minute's budget (half of two minutes') is
 * left for views.
 */
export type BudgetPriority = 'view' | 'series';

export type BudgetSnapshot = { remaining: number; pausedForMs: number };

/**
 * The rate-limit budget every Talkover call, retries included, goes through: in this process's
 * memory (the default), or in Redis when REDIS_URL is set so all instances share one budget
 * and one pause. Async because the shared one is a Redis round trip.
 */
export interface UpstreamBudget {
  readonly limitPerMinute: number;
  /**
   * Books a call now (`waitMs` 0) or at the first free slot within `maxWaitMs` (the caller
   * sleeps `waitMs`, then calls). Refuses, booking nothing, when paused or the wait is too long.
   * Series calls never wait.
   */
  reserve(maxWaitMs: number, options?: { priority?: BudgetPriority }): Promise<Reservation>;
  /** Stops every call until `untilMs`. */
  pauseUntil(untilMs: number): Promise<void>;
  /** Calls that could start now, and the pause if any. */
  snapshot(): Promise<BudgetSnapshot>;
}

/** The in-memory log's own shape: the same operations, answered at once. */
export interface SyncBudget {
  readonly limitPerMinute: number;
  reserve(maxWaitMs: number, options?: { priority?: BudgetPriority }): Reservation;
  pauseUntil(untilMs: number): void;
  snapshot(): BudgetSnapshot;
}

/** The in-process budget behind the async interface. */
export function toAsyncBudget(budget: SyncBudget): UpstreamBudget {
  return {
    limitPerMinute: budget.limitPerMinute,
    reserve: async (maxWaitMs, options) => budget.reserve(maxWaitMs, options),
    pauseUntil: async (untilMs) => budget.pauseUntil(untilMs),
    snapshot: async () => budget.snapshot(),
  };
}

/**
 * Chosen once: the shared Redis budget when `shared`, else the in-process log. `clockTime`
 * (tests) makes the Redis one keep the injected clock's time instead of Redis's.
 */
export function createUpstreamBudget(limitPerMinute: number, clock: Clock, { shared = false, clockTime = false } = {}): UpstreamBudget {
  const local = new SlidingWindowBudget(limitPerMinute, clock);
  return shared ? new RedisBudget(local, clock, clockTime) : toAsyncBudget(local);
}

/**
 * When Talkover's answer says to stop: `Retry-After` on a 429, or a remaining count of 0 with a
 * reset time (`X-RateLimit-*` or `RateLimit-*`; the reset is epoch seconds or seconds from now).
 * Returns the epoch ms to pause until, or null.
 */
export function pauseFromHeaders(status: number, headers: Headers, nowMs: number, retryAfterSeconds?: number): number | null {
  if (status === 429) return nowMs + (retryAfterSeconds ?? 60) * 1000;
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  if (remaining === null || remaining.trim() === '' || Number(remaining.trim()) !== 0) return null;
  const reset = Number((headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset') ?? '').trim());
  if (!Number.isFinite(reset) || reset <= 0) return nowMs + 60_000;
  const untilMs = reset > 1e9 ? reset * 1000 : nowMs + reset * 1000;
  // A reset far away (or a clock skewed far off) must not stop the dashboard for long.
  return Math.min(Math.max(untilMs, nowMs), nowMs + 3_600_000);
}
