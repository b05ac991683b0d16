import 'server-only';
import type { z } from 'zod';
import { todayIn } from '../date-range';
import { recordCacheRequest } from '../metrics/record';
import type { BudgetPriority } from './budget';
import { getTalkoverConfig } from './config';
import { callbackStatsRead, type EndpointRead } from './endpoints';
import { chargeMemberBucketMiss, chargeMemberMiss, isMemberRefusal } from './member-fair-share';
import { scheduleCall } from './scheduler';
import { callbackStatsSchema, type RawCallbackStats } from './schemas';
import { readThrough, willCallTalkover, type Cached, type LoadReason, type SharedTier } from './tiered-cache';
import { getUpstreamState, type UpstreamState } from './upstream-state';

/**
 * The front door to Talkover: the only module the rest of the app imports from `lib/talkover`
 * (ESLint enforces it). Callers say what they mean (which figures, who pays, how urgent), never
 * how a call is cached, budgeted or retried. Inside, one read is three steps: the tiered cache
 * (tiered-cache.ts: memory, then Redis, single-flight), the scheduler (scheduler/: budget,
 * concurrency, pause, retries) and one HTTP try (http-call.ts). docs/architecture.md draws it.
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

/** `GET /callback-agents/stats` for an inclusive range of days, through the cache and the budget. */
export async function getCallbackStats(
  range: { start: string; end: string; timeZone: string },
  { caller, priority = 'view' }: CallOptions,
): Promise<Cached<RawCallbackStats>> {
  const config = getTalkoverConfig();
  const state = getUpstreamState(config);
  const today = todayIn(range.timeZone, new Date(state.clock.now()));
  const read = callbackStatsRead(range, today, budgetPriorityOf(priority), config);
  const shared = sharedTierOf(state, config.deadlineMs, callbackStatsSchema);
  try {
    await chargeCaller(state, read, { caller, priority }, shared);
    // Bound, not wrapped in a closure: the scheduler is the cache's loader itself.
    const load = scheduleCall.bind(null, state, config, read.call) as (reason: LoadReason) => Promise<RawCallbackStats>;
    const result = await readThrough(state.cache, state.clock, read, load, {
      // Figures served as stale say "Talkover is unavailable": not what a refused share means.
      staleOnError: (error) => !isMemberRefusal(error),
      shared,
    });
    recordCacheRequest(result.cache);
    return result;
  } catch (error) {
    // Nothing usable was cached (a hit or a stale value would have answered): a miss.
    recordCacheRequest('miss');
    throw error;
  }
}

/**
 * A member pays for every miss they cause out of their share of the budget, before the read (so
 * whoever joins a miss never inherits another member's refusal): totals, comparison and CSV at
 * `view` priority, trend buckets out of the series part of that share too. Hits, and reads that
 * join a call already under way, are free. Scheduled work (the system) is held in check by the
 * budget's series reserve instead.
 */
async function chargeCaller(
  state: UpstreamState,
  read: EndpointRead<unknown>,
  { caller, priority }: Required<CallOptions>,
  shared?: SharedTier,
) {
  if (caller.kind !== 'member') return;
  if (read.ttlSeconds > 0 && !(await willCallTalkover(state.cache, state.clock, read.key, shared))) return;
  if (priority === 'view') await chargeMemberMiss(state.memberShare, caller.id);
  else await chargeMemberBucketMiss({ all: state.memberShare, series: state.memberSeriesShare }, caller.id);
}

/** What the budget knows: scheduled work takes the lowest class it has. */
function budgetPriorityOf(priority: Priority): BudgetPriority {
  return priority === 'view' ? 'view' : 'series';
}

function sharedTierOf(state: UpstreamState, deadlineMs: number, schema: z.ZodType): SharedTier | undefined {
  return state.sharedCache ? { tier: state.sharedCache, waitMs: deadlineMs, schema } : undefined;
}

export type { Cached, CacheState } from './tiered-cache';
export type { RawCallbackStats } from './schemas';
export { getUpstreamHealth, type UpstreamHealth } from './health';
export { talkoverSettings } from './config';
