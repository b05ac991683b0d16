import 'server-only';
import { todayIn } from '../date-range';
import { recordCacheRequest } from '../metrics/record';
import { TALKOVER_STATS_PATH } from '../paths';
import type { BudgetPriority } from './budget';
import { cached, cacheKey, ttlSecondsFor, type Cached, type LoadReason } from './cache';
import { talkoverGet } from './client';
import { getTalkoverConfig } from './config';
import { chargeMemberMiss, isMemberRefusal } from './member-share';
import { callbackStatsResponseSchema, type RawCallbackStats } from './schemas';
import { getUpstreamState } from './state';

export const CALLBACK_STATS_PATH = TALKOVER_STATS_PATH;

type DayRange = { start: string; end: string };

function statsParams(range: DayRange) {
  return { start_date: range.start, end_date: range.end };
}

/** `GET /callback-agents/stats` for an inclusive range of calendar days: one upstream call, uncached. */
export async function requestTalkoverStats(
  range: DayRange,
  reason: LoadReason = 'uncached',
  priority: BudgetPriority = 'view',
): Promise<RawCallbackStats> {
  const body = await talkoverGet(CALLBACK_STATS_PATH, statsParams(range), callbackStatsResponseSchema, reason, priority);
  return body.data;
}

/** The cache key of a range's stats (no secret in it): shared with Server-Timing on pages. */
export function callbackStatsCacheKey(range: DayRange): string {
  return cacheKey(getTalkoverConfig().environment, CALLBACK_STATS_PATH, statsParams(range));
}

/**
 * The range's raw stats through the cache (what lib/stats shapes for the page and `/api/stats`). The request whose
 * miss calls Talkover counts it against its requester's share of the budget first; past the
 * share, that requester gets a 429 and Talkover is not called. Requests that join a miss already
 * on its way share its call and are not counted.
 *
 * A trend bucket is just a shorter range: it shares the key of the same range opened directly.
 * Bucket calls (`series` priority) are not charged to the member: the budget's series reserve
 * already keeps them from crowding out anyone's figures, and a member's daily chart must not use
 * up the share their own totals need on the next view.
 */
export async function getCachedTalkoverStats(
  range: DayRange & { timeZone: string },
  { requester, priority = 'view' }: { requester: string | null; priority?: BudgetPriority },
): Promise<Cached<RawCallbackStats>> {
  const config = getTalkoverConfig();
  const state = getUpstreamState(config);
  const today = todayIn(range.timeZone, new Date(state.clock.now()));
  const request = { key: callbackStatsCacheKey(range), ttlSeconds: ttlSecondsFor(range, today, config) };
  let loaded = false;
  const load = async (reason: LoadReason) => {
    loaded = true;
    if (priority === 'view' && requester !== null) await chargeMemberMiss(state.memberShare, requester);
    return requestTalkoverStats(range, reason, priority);
  };
  // Figures served as stale say "Talkover is unavailable": not what a refused share means.
  const options = {
    staleOnError: (error: unknown) => !isMemberRefusal(error),
    shared: state.sharedCache ? { tier: state.sharedCache, waitMs: config.deadlineMs } : undefined,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await cached(state.cache, state.clock, request, load, options);
      recordCacheRequest(result.cache);
      return result;
    } catch (error) {
      // This request joined someone else's miss, which their share refused: ask again as itself.
      if (loaded || attempt === 3 || !isMemberRefusal(error)) {
        // Nothing usable was cached (a hit or a stale value would have answered): a miss.
        recordCacheRequest('miss');
        throw error;
      }
    }
  }
}
