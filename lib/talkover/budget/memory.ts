import 'server-only';
import type { Clock } from '../clock';
import { budgetCaps, LONGEST_WINDOW_MS, type WindowCap } from './rules';
import type { BudgetPriority, Reservation, SyncBudget, UpstreamBudget } from './types';

/**
 * A sliding-window log of upstream calls: the times of the calls of the last two minutes (and
 * of calls booked to go out shortly). A call may go when, counting it, every window ending at
 * its time holds at most its cap. So a cold view can spend a burst at once, no 60 s window
 * ever passes 90% of Talkover's limit, and any two minutes average at most 80% of it.
 *
 * Calls are booked in time order, so the log stays sorted and the earliest free slot is read
 * off the call that must leave a window first. Series calls never wait and never dig into
 * their windows' reserves: a view call is never queued behind one.
 */
export class SlidingWindowBudget implements SyncBudget {
  readonly limitPerMinute: number;
  private readonly windows: WindowCap[];
  /** Send times of calls, ascending; the last ones may be in the future (booked). */
  private calls: number[] = [];
  private pausedUntil = 0;

  constructor(
    limitPerMinute: number,
    private readonly clock: Clock,
  ) {
    this.limitPerMinute = limitPerMinute;
    this.windows = budgetCaps(limitPerMinute);
  }

  reserve(maxWaitMs: number, options: { priority?: BudgetPriority } = {}): Reservation {
    const now = this.prune();
    if (now < this.pausedUntil) return { ok: false, retryAfterMs: this.pausedUntil - now };
    const series = options.priority === 'series';
    const at = this.earliestSlot(now, series);
    const waitMs = at - now;
    if (waitMs > (series ? 0 : maxWaitMs)) return { ok: false, retryAfterMs: Math.max(1, waitMs) };
    this.calls.push(at);
    return { ok: true, waitMs };
  }

  /** Stops every call until `untilMs` (Talkover's 429 or its rate-limit headers said so). */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** Calls a view could start now (0 while paused), and the pause if any: for /api/health. */
  snapshot(): { remaining: number; pausedForMs: number } {
    const now = this.prune();
    const pausedForMs = Math.max(0, this.pausedUntil - now);
    const remaining = Math.max(0, Math.min(...this.windows.map(({ cap, ms }) => cap - this.countAfter(now - ms))));
    return { remaining: pausedForMs > 0 ? 0 : remaining, pausedForMs };
  }

  /**
   * The first time at or after `now` (and after every booked call) when one more call keeps
   * each window at or under its cap (less its series reserve for a series call). The k-th
   * newest call leaves a window of length W at its time + W; with every call before the slot,
   * that is all that needs checking.
   */
  private earliestSlot(now: number, series: boolean): number {
    const count = this.calls.length;
    let at = Math.max(now, this.calls[count - 1] ?? now);
    for (const window of this.windows) {
      const cap = series ? window.cap - window.seriesReserve : window.cap;
      if (cap <= 0) return Number.POSITIVE_INFINITY;
      if (count >= cap) at = Math.max(at, this.calls[count - cap]! + window.ms);
    }
    return at;
  }

  private countAfter(since: number): number {
    let count = 0;
    for (let index = this.calls.length - 1; index >= 0 && this.calls[index]! > since; index -= 1) count += 1;
    return count;
  }

  /** Forgets calls older than the longest window; returns now. */
  private prune(): number {
    const now = this.clock.now();
    let drop = 0;
    while (drop < this.calls.length && this.calls[drop]! <= now - LONGEST_WINDOW_MS) drop += 1;
    if (drop > 0) this.calls = this.calls.slice(drop);
    return now;
  }
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
