import 'server-only';
import type { DateRange } from '../date-range';
import { getCallbackStats as getTalkoverStats, type Cached, type CallOptions, type RawCallbackStats } from '../talkover';
import { toCallbackStats, type CallbackStats } from './callback-stats';

/** Who asks (a member, for their fair share of Talkover's budget, or the system) and at what priority. */
export type StatsRequest = CallOptions;
type StatsRange = Pick<DateRange, 'start' | 'end' | 'timeZone'>;

/**
 * The one domain call behind both the page and `GET /api/stats`, so the two can never disagree.
 * The period reported is the one Talkover echoes back, labelled with the app's timezone; the
 * source says whether the figures came from the cache, from Talkover, or are stale.
 * The caller says who pays for a miss (a member's fair share, or the system for scheduled work);
 * trend buckets ask at `series` priority.
 */
export async function getCallbackStats(range: StatsRange, request: StatsRequest): Promise<CallbackStats> {
  return shapeCallbackStats(range, await getTalkoverStats(range, request));
}

/** Talkover's cached answer as the dashboard's figures. */
export function shapeCallbackStats(range: StatsRange, result: Cached<RawCallbackStats>): CallbackStats {
  return toCallbackStats(result.value, {
    timeZone: range.timeZone,
    fetchedAt: result.fetchedAt,
    source: { cache: result.cache, upstreamMs: result.upstreamMs },
  });
}
