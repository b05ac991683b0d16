import { PRIVATE_NO_STORE } from '@/lib/http';
import { toServerTiming } from '@/lib/server-timing';
import { toComparisonJson } from '@/lib/stats/comparison';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { getComparison } from '@/lib/stats/get-comparison';
import { toStatsJson } from '@/lib/stats/stats-json';
import { viewRoute } from '@/lib/stats/view-route';

/**
 * GET /api/stats?range=7d | ?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD, plus compare=previous |
 * year | off. The same rules and domain calls as the page. Unlike the page, no `compare` means
 * no comparison: scripts written before it get the same answer at the same Talkover cost. The
 * comparison is fetched beside the totals, not after them. The shape is in docs/api.md.
 */
export const GET = viewRoute('/api/stats', { defaultCompare: 'off' }, async ({ view, caller, startedAt, authMs }) => {
  const [stats, comparison] = await Promise.all([getCallbackStats(view.range, { caller }), getComparison(view.range, view.compare, { caller })]);
  const timing = toServerTiming([
    { name: 'auth', durationMs: authMs },
    { name: 'cache', description: stats.source.cache },
    { name: 'upstream', durationMs: stats.source.upstreamMs },
    { name: 'total', durationMs: performance.now() - startedAt },
  ]);
  const body = comparison ? { ...toStatsJson(stats), comparison: toComparisonJson(stats, comparison) } : toStatsJson(stats);
  return Response.json(body, { headers: { 'Cache-Control': PRIVATE_NO_STORE, 'Server-Timing': timing } });
});
