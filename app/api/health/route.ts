import type { NextRequest } from 'next/server';
import { readSessionUser } from '@/lib/auth/session';
import { PRIVATE_NO_STORE } from '@/lib/http';
import { withRequestTiming } from '@/lib/metrics/record';
import { isHealthBearer } from '@/lib/security/health-token';
import { getUpstreamHealth } from '@/lib/talkover/health';

/**
 * Liveness for load balancers and uptime checks: cheap, public, and never calls Talkover.
 * Signed out it says only `{"status":"ok"}`. The detail (how much of the Talkover budget is
 * left, the plan's limit, how the last call went and when) tells an outsider when the team uses
 * the dashboard and whether its token works, so it needs a session or the monitors' HEALTH_TOKEN.
 */
export const GET = withRequestTiming('/api/health', async (request: NextRequest): Promise<Response> => {
  const detail = isHealthBearer(request.headers.get('authorization')) || (await readSessionUser(request)) !== null;
  if (!detail) return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  return Response.json({ status: 'ok', talkover: getUpstreamHealth() }, { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
});
