import { getRangeRouting } from '@/lib/agents/get-routing';
import { toRoutingJson } from '@/lib/agents/routing-json';
import { PRIVATE_NO_STORE } from '@/lib/http';
import { viewRoute } from '@/lib/stats/view-route';

/**
 * GET /api/callback-agents with the stats' range parameters: each callback agent, the sources it
 * lists with their callbacks in the range, and the routing flags (docs/api.md). The range's
 * figures and the agents list fail as on /api/stats (stale when they can be, a clear error when
 * not): an answer without the agents would read as "no callback agents", so there is none.
 */
export const GET = viewRoute('/api/callback-agents', { defaultCompare: 'off' }, async ({ view, caller }) => {
  const result = await getRangeRouting(view.range, { caller });
  if (result.routingError) throw result.routingError;
  return Response.json(toRoutingJson(result), { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
});
