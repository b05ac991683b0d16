import { isAppError } from '@/lib/errors';
import { PRIVATE_NO_STORE } from '@/lib/http';
import { getCallbackSeries } from '@/lib/stats/get-series';
import { toSeriesJson } from '@/lib/stats/series';
import { viewRoute } from '@/lib/stats/view-route';

/**
 * GET /api/stats/series?…&interval=day|week|month: the range's figures per bucket. A series
 * the rate limit or the member's share cut short answers 200 with what it has and
 * `meta.missing`, even when that is nothing yet (asking again later loads more); only when no
 * bucket could be had for another reason (a rejected token, Talkover down) is the cause
 * answered as an error, like /api/stats.
 */
export const GET = viewRoute('/api/stats/series', {}, async ({ view, caller }) => {
  const series = await getCallbackSeries(view, { caller });
  const nothing = series.missing.length === series.points.length;
  if (nothing && series.firstError && !isPacing(series.firstError)) throw series.firstError;
  return Response.json(toSeriesJson(series), { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
});

/** Refusals that only mean "not now": the budget's pacing, or the member's share for the minute. */
function isPacing(error: unknown): boolean {
  return isAppError(error) && (error.kind === 'upstream_rate_limited' || error.kind === 'member_rate_limited');
}
