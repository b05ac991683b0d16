import 'server-only';
import type { BudgetPriority } from './budget';
import type { Cached } from './cache';
import type { RawCallbackStats } from './schemas';
import { getCachedTalkoverStats } from './stats-endpoint';

/**
 * The front door to Talkover: the only module the rest of the app imports from `lib/talkover`
 * (ESLint enforces it). Callers say what they mean (which figures, who pays, how urgent), never
 * how a call is cached, budgeted or retried.
 */

/**
 * Who pays for a cache miss: a signed-in member (counted against their fair share of the budget),
 * or the app itself for scheduled work such as digests and alerts (no member's share).
 */
export type Caller = { kind: 'member'; id: string } | { kind: 'system'; job: string };

/**
 * How urgent the call is. `view`: figures a person is looking at. `series`: trend buckets.
 * `background`: scheduled work nobody is waiting on, which spends the budget only while enough is
 * left for people (the series reserve) and queues behind the trend buckets.
 */
export type Priority = 'view' | 'series' | 'background';

export type CallOptions = { caller: Caller; priority?: Priority };

export const memberCaller = (email: string): Caller => ({ kind: 'member', id: email });
export const systemCaller = (job: string): Caller => ({ kind: 'system', job });

/** What the budget knows: scheduled work takes the lowest class it has. */
function budgetPriorityOf(priority: Priority): BudgetPriority {
  return priority === 'view' ? 'view' : 'series';
}

/** The requester key the member shares count; the system never draws on a member's share. */
function requesterOf(caller: Caller): string | null {
  return caller.kind === 'member' ? caller.id : null;
}

/** `GET /callback-agents/stats` for an inclusive range of days, through the cache and the budget. */
export function getCallbackStats(
  range: { start: string; end: string; timeZone: string },
  { caller, priority = 'view' }: CallOptions,
): Promise<Cached<RawCallbackStats>> {
  return getCachedTalkoverStats(range, { requester: requesterOf(caller), priority: budgetPriorityOf(priority) });
}

export type { Cached, CacheState } from './cache';
export type { RawCallbackStats } from './schemas';
export { getUpstreamHealth, type UpstreamHealth } from './health';
export { talkoverSettings } from './config';
