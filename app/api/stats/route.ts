import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { parseDateRange } from '@/lib/date-range';
import { getAppTimeZone } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';
import { withRequestTiming } from '@/lib/metrics/record';
import { rangeParamsFromUrl } from '@/lib/search-params';
import { toServerTiming } from '@/lib/server-timing';
import { toStatsJson } from '@/lib/stats/stats-json';

/**
 * GET /api/stats?range=7d | ?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD
 * The same rules and the same domain call as the page; the shape is documented in the README.
 */
export const GET = withRequestTiming('/api/stats', async (request: NextRequest): Promise<Response> => {
  const startedAt = performance.now();
  try {
    const user = await requireApiUser(request);
    const authMs = performance.now() - startedAt;
    const query = new URL(request.url).searchParams;
    const result = parseDateRange(rangeParamsFromUrl(query), { now: new Date(), timeZone: getAppTimeZone() });
    if (!result.ok) throw new AppError('bad_request', { code: result.error.code, message: result.error.message });
    const stats = await getCallbackStats(result.range, { requester: user.email });
    const timing = toServerTiming([
      { name: 'auth', durationMs: authMs },
      { name: 'cache', description: stats.source.cache },
      { name: 'upstream', durationMs: stats.source.upstreamMs },
      { name: 'total', durationMs: performance.now() - startedAt },
    ]);
    return Response.json(toStatsJson(stats), { headers: { 'Cache-Control': PRIVATE_NO_STORE, 'Server-Timing': timing } });
  } catch (error) {
    const response = errorResponse(error);
    response.headers.set('Server-Timing', toServerTiming([{ name: 'total', durationMs: performance.now() - startedAt }]));
    return response;
  }
});
