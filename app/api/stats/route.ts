import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';
import { withRequestTiming } from '@/lib/metrics/record';
import { toServerTiming } from '@/lib/server-timing';
import { toComparisonJson } from '@/lib/stats/comparison';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { getComparison } from '@/lib/stats/get-comparison';
import { parseViewQuery } from '@/lib/stats/parse-view-query';
import { toStatsJson } from '@/lib/stats/stats-json';
import { memberCaller } from '@/lib/talkover';

/**
 * GET /api/stats?range=7d | ?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD, plus compare=previous |
 * year | off. The same rules and domain calls as the page. Unlike the page, no `compare` means
 * no comparison: scripts written before it get the same answer at the same Talkover cost. The
 * comparison is fetched beside the totals, not after them. The shape is in the README.
 */
export const GET = withRequestTiming('/api/stats', async (request: NextRequest): Promise<Response> => {
  const startedAt = performance.now();
  try {
    const user = await requireApiUser(request);
    const authMs = performance.now() - startedAt;
    const view = parseViewQuery(new URL(request.url), { defaultCompare: 'off' });
    const asker = { caller: memberCaller(user.email) };
    const [stats, comparison] = await Promise.all([getCallbackStats(view.range, asker), getComparison(view.range, view.compare, asker)]);
    const timing = toServerTiming([
      { name: 'auth', durationMs: authMs },
      { name: 'cache', description: stats.source.cache },
      { name: 'upstream', durationMs: stats.source.upstreamMs },
      { name: 'total', durationMs: performance.now() - startedAt },
    ]);
    const body = comparison ? { ...toStatsJson(stats), comparison: toComparisonJson(stats, comparison) } : toStatsJson(stats);
    return Response.json(body, { headers: { 'Cache-Control': PRIVATE_NO_STORE, 'Server-Timing': timing } });
  } catch (error) {
    const response = errorResponse(error);
    response.headers.set('Server-Timing', toServerTiming([{ name: 'total', durationMs: performance.now() - startedAt }]));
    return response;
  }
});
