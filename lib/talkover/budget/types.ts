/**
 * The rate-limit budget's vocabulary, shared by its rules, its two stores and the client.
 */
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
