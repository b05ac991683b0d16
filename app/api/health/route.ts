import { getUpstreamHealth } from '@/lib/talkover/health';

/**
 * Liveness for load balancers and uptime checks: cheap, public, and never calls Talkover. It
 * also says how much of the Talkover budget is left and how the last call went: nothing secret.
 */
export function GET(): Response {
  return Response.json({ status: 'ok', talkover: getUpstreamHealth() }, { headers: { 'Cache-Control': 'no-store' } });
}
