/** The yardstick for a route handler: a small JSON answer, computed per request. */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok', time: new Date().toISOString() });
}
