import 'server-only';
import type { Clock } from './clock';

/** Spend at most this share of Talkover's per-minute limit, leaving room for other clients. */
export const SPEND_SHARE = 0.8;
/** The burst a cold start may spend at once, as a share of the limit. */
const BURST_SHARE = 0.1;

export type Reservation = { ok: true; waitMs: number } | { ok: false; retryAfterMs: number };

/**
 * A token bucket for upstream calls, retries included. It refills at 80% of the limit and holds
 * a burst of 10%, so any 60 s window spends at most 90% of the limit whatever Talkover's window
 * alignment is (a fixed-window counter could spend twice its budget across a boundary). Talkover
 * itself can pause all calls: a 429, or rate-limit headers saying nothing is left.
 */
export class UpstreamBudget {
  readonly limitPerMinute: number;
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;

  constructor(limitPerMinute: number, private readonly clock: Clock) {
    this.limitPerMinute = limitPerMinute;
    this.capacity = Math.max(1, Math.floor(limitPerMinute * BURST_SHARE));
    this.refillPerMs = (limitPerMinute * SPEND_SHARE) / 60_000;
    this.tokens = this.capacity;
    this.updatedAt = clock.now();
  }

  /**
   * Takes a token now, or books the next one if it comes within `maxWaitMs` (the caller sleeps
   * `waitMs`, then calls). Booking drives the balance negative, so waiting callers queue in
   * order and never overspend. Refuses, booking nothing, when paused or the wait is too long.
   */
  reserve(maxWaitMs: number): Reservation {
    const now = this.refill();
    if (now < this.pausedUntil) return { ok: false, retryAfterMs: this.pausedUntil - now };
    const waitMs = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.refillPerMs);
    if (waitMs > maxWaitMs) return { ok: false, retryAfterMs: waitMs };
    this.tokens -= 1;
    return { ok: true, waitMs };
  }

  /** Stops every call until `untilMs`, and spends what is left so the restart is gentle. */
  pauseUntil(untilMs: number): void {
    this.refill();
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Whole calls that could start now, and the pause if any: for /api/health. */
  snapshot(): { remaining: number; pausedForMs: number } {
    const now = this.refill();
    return { remaining: Math.max(0, Math.floor(this.tokens)), pausedForMs: Math.max(0, this.pausedUntil - now) };
  }

  /** Tokens accrue with time, but not while paused: calls restart from an empty bucket. */
  private refill(): number {
    const now = this.clock.now();
    const accrueFrom = Math.max(this.updatedAt, this.pausedUntil);
    if (now > accrueFrom) this.tokens = Math.min(this.capacity, this.tokens + (now - accrueFrom) * this.refillPerMs);
    this.updatedAt = now;
    return now;
  }
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
