// Talkover SIMULATOR (demo mode and tests only): Talkover's per-token request budget.
// A fixed 60-second window (not a sliding one) keeps the arithmetic obvious in tests: N requests
// pass, request N+1 gets a 429 whose Retry-After points at the end of the same window.

const WINDOW_MS = 60_000;

type Window = { startedAt: number; used: number };

export type RateLimitState = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the current window ends. */
  resetAt: number;
};

export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limit: number) {}

  /** Counts one request against `key` and says whether it fits in the budget. */
  take(key: string, nowMs: number): RateLimitState {
    const window = this.current(key, nowMs);
    const allowed = window.used < this.limit;
    if (allowed) window.used++;
    return this.describe(window, allowed);
  }

  /** The budget as it stands, without spending any of it (for responses that cost nothing). */
  peek(key: string, nowMs: number): RateLimitState {
    const window = this.windows.get(key);
    if (!window || nowMs >= window.startedAt + WINDOW_MS) {
      return this.describe({ startedAt: nowMs, used: 0 }, true);
    }
    return this.describe(window, window.used < this.limit);
  }

  clear(): void {
    this.windows.clear();
  }

  private current(key: string, nowMs: number): Window {
    const existing = this.windows.get(key);
    if (existing && nowMs < existing.startedAt + WINDOW_MS) return existing;
    const fresh = { startedAt: nowMs, used: 0 };
    this.windows.set(key, fresh);
    return fresh;
  }

  private describe(window: Window, allowed: boolean): RateLimitState {
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.used),
      resetAt: window.startedAt + WINDOW_MS,
    };
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(Math.ceil(state.resetAt / 1000)),
  };
}

/** Whole seconds until the window ends, never 0 so a client cannot retry in a tight loop. */
export function retryAfterSeconds(state: RateLimitState, nowMs: number): number {
  return Math.max(1, Math.ceil((state.resetAt - nowMs) / 1000));
}
