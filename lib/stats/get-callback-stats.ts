import 'server-only';
import type { DateRange } from '../date-range';
import type { BudgetPriority } from '../talkover/budget';
import { getCachedTalkoverStats } from '../talkover/stats-endpoint';
import { toCallbackStats, type CallbackStats } from './callback-stats';

/** Who asks (the signed-in member, for their fair share of Talkover's budget) and at what priority. */
export type StatsRequest = { requester: string; priority?: BudgetPriority };

/**
 * The one domain call behind both the page and `GET /api/stats`, so the two can never disagree.
 * The period reported is the one Talkover echoes back, labelled with the app's timezone; the
 * source says whether the figures came from the cache, from Talkover, or are stale.
 * `requester` identifies who asks (the signed-in member), for their fair share of Talkover's
 * budget; it is an opaque key below this point. Trend buckets ask at `series` priority.
 */
export async function getCallbackStats(range: Pick<DateRange, 'start' | 'end' | 'timeZone'>, request: StatsRequest): Promise<CallbackStats> {
  const result = await getCachedTalkoverStats(range, request);
  return toCallbackStats(result.value, {
    timeZone: range.timeZone,
    fetchedAt: result.fetchedAt,
    source: { cache: result.cache, upstreamMs: result.upstreamMs },
  });
}
