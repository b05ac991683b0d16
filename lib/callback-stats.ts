import 'server-only';
import type { DateRange } from './date-range';
import { toCallbackStats, type CallbackStats } from './stats';
import { fetchCallbackStats } from './talkover/stats-endpoint';

/**
 * The one domain call behind both the page and `GET /api/stats`, so the two can never disagree.
 * The period reported is the one Talkover echoes back, labelled with the app's timezone.
 */
export async function getCallbackStats(range: DateRange): Promise<CallbackStats> {
  const raw = await fetchCallbackStats(range);
  return toCallbackStats(raw, { timeZone: range.timeZone, fetchedAt: new Date() });
}
