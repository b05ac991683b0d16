import 'server-only';
import type { Clock } from '../clock';
import { SlidingWindowBudget, toAsyncBudget } from './memory';
import { RedisBudget } from './redis';
import type { UpstreamBudget } from './types';

/**
 * The rate-limit budget every Talkover call goes through. `types.ts` says what it is, `rules.ts`
 * how much may be spent, `memory.ts` and `redis.ts` keep the log (one process, or every instance).
 */
export type { BudgetPriority, BudgetSnapshot, Reservation, UpstreamBudget } from './types';
export { MAX_PAUSE_MS, pauseFromHeaders, SUSTAINED_SHARE as SPEND_SHARE } from './rules';

/**
 * Chosen once: the shared Redis budget when `shared`, else the in-process log. `clockTime`
 * (tests) makes the Redis one keep the injected clock's time instead of Redis's.
 */
export function createUpstreamBudget(limitPerMinute: number, clock: Clock, { shared = false, clockTime = false } = {}): UpstreamBudget {
  const local = new SlidingWindowBudget(limitPerMinute, clock);
  return shared ? new RedisBudget(local, clock, clockTime) : toAsyncBudget(local);
}
