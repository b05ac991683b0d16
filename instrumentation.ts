/**
 * Runs once when the server starts. It makes the peer's address visible to route handlers
 * (lib/net/peer-address.ts). In production it refuses to start, with one line naming
 * the problem, when a required setting is missing: a dashboard that boots without its token or
 * its sign-in would only fail later, in front of users.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Route handlers get no peer address from Next: the server appends it to X-Forwarded-For.
  const { installPeerAddressHook } = await import('./lib/net/peer-address');
  installPeerAddressHook();
  if (process.env.NODE_ENV !== 'production') return;
  const { exitOnStartupProblem } = await import('./lib/startup-check');
  exitOnStartupProblem();
  // Connect to Redis now (REDIS_URL), so the first requests find shared state ready.
  const { getSharedRedis } = await import('./lib/store/availability');
  getSharedRedis();
}
