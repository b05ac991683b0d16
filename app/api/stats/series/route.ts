import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';
import { getCallbackSeries } from '@/lib/stats/get-series';
import { parseViewQuery } from '@/lib/stats/parse-view-query';
import { toSeriesJson } from '@/lib/stats/series';

/**
 * GET /api/stats/series?…&interval=day|week|month: the range's figures per bucket. A series
 * Talkover's rate limit cut short answers 200 with what it has and `meta.missing`; only when no
 * bucket at all could be had is the cause answered as an error, like /api/stats.
 */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    await requireApiUser(request);
    const view = parseViewQuery(new URL(request.url));
    const series = await getCallbackSeries(view);
    if (series.missing.length === series.points.length && series.firstError) throw series.firstError;
    return Response.json(toSeriesJson(series), { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
  } catch (error) {
    return errorResponse(error);
  }
}
