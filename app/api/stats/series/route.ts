import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';
import { getCallbackSeries } from '@/lib/stats/get-series';
import { parseViewQuery } from '@/lib/stats/parse-view-query';
import { toSeriesJson } from '@/lib/stats/series';
import { memberCaller } from '@/lib/talkover';

/**
 * GET /api/stats/series?…&interval=day|week|month: the range's figures per bucket. A series
 * the rate limit cut short answers 200 with what it has and `meta.missing`, even when that is
 * nothing yet; only when no bucket could be had for another reason (a rejected token, Talkover
 * down) is the cause answered as an error, like /api/stats.
 */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const user = await requireApiUser(request);
    const view = parseViewQuery(new URL(request.url));
    const series = await getCallbackSeries(view, { caller: memberCaller(user.email) });
    const nothing = series.missing.length === series.points.length;
    if (nothing && series.firstError && !(isAppError(series.firstError) && series.firstError.kind === 'upstream_rate_limited')) {
      throw series.firstError;
    }
    return Response.json(toSeriesJson(series), { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
  } catch (error) {
    return errorResponse(error);
  }
}
