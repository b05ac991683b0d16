import { requireApiUser } from '@/lib/auth/session';
import { getCallbackStats } from '@/lib/callback-stats';
import { parseDateRange } from '@/lib/date-range';
import { getAppTimeZone } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';
import { rangeParamsFromUrl } from '@/lib/search-params';
import { toStatsJson } from '@/lib/stats';

/**
 * GET /api/stats?range=7d | ?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD
 * The same rules and the same domain call as the page; the shape is documented in the README.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireApiUser();
    const query = new URL(request.url).searchParams;
    const result = parseDateRange(rangeParamsFromUrl(query), { now: new Date(), timeZone: getAppTimeZone() });
    if (!result.ok) throw new AppError('bad_request', { code: result.error.code, message: result.error.message });
    const stats = await getCallbackStats(result.range);
    return Response.json(toStatsJson(stats), { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
  } catch (error) {
    return errorResponse(error);
  }
}
