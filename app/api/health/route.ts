import type { NextRequest } from 'next/server';
import { readSessionUser } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { PRIVATE_NO_STORE } from '@/lib/http';
import { withRequestTiming } from '@/lib/metrics/record';
import { isHealthBearer } from '@/lib/security/health-token';
import { getSharedRedis, isRedisDegraded } from '@/lib/store/availability';
import { getUpstreamHealth } from '@/lib/talkover';

/**
 * Liveness for load balancers and uptime checks: cheap, public, and never calls Talkover.
 * Signed out it says only `{"status":"ok"}`, or `{"status":"degraded"}` while Redis (REDIS_URL)
 * is unavailable and this instance runs on its own state: still HTTP 200, because it answers
 * every request and a load balancer should keep it. The detail (how much of the Talkover budget
 * is left, the plan's limit, how the last call went and when) tells an outsider when the team
 * uses the dashboard and whether its token works, so it needs a session or HEALTH_TOKEN.
 */
export const GET = withRequestTiming('/api/health', async (request: NextRequest): Promise<Response> => {
  const degraded = await isRedisDegraded();
  const status = degraded ? 'degraded' : 'ok';
  if (!(await maySeeDetail(request))) return Response.json({ status }, { headers: { 'Cache-Control': 'no-store' } });
  const sharedState = getSharedRedis() === null ? 'memory' : degraded ? 'memory_fallback' : 'redis';
  return Response.json(
    { status, shared_state: sharedState, talkover: await getUpstreamHealth() },
    { headers: { 'Cache-Control': PRIVATE_NO_STORE } },
  );
});

/** A session or the monitors' bearer. A broken setting hides the detail but never liveness. */
async function maySeeDetail(request: NextRequest): Promise<boolean> {
  try {
    return isHealthBearer(request.headers.get('authorization')) || (await readSessionUser(request)) !== null;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}
