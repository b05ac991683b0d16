/** Liveness for load balancers and uptime checks: cheap, public, and never calls Talkover. */
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
