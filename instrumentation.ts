/**
 * Runs once at start-up. In production a missing setting stops the server with one line naming
 * it: a dashboard without its token or sign-in would only fail later, in front of users. The
 * database is opened and migrated before the server serves; then the scheduled jobs start.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Route handlers get no peer address from Next: the server appends it to X-Forwarded-For.
  const { installPeerAddressHook } = await import('./lib/net/peer-address');
  installPeerAddressHook();
  const production = process.env.NODE_ENV === 'production';
  if (production) {
    const { exitOnStartupProblem } = await import('./lib/startup-check');
    exitOnStartupProblem();
    // Connect to Redis now (REDIS_URL), so the first requests find shared state ready.
    const { getSharedRedis } = await import('./lib/store/availability');
    getSharedRedis();
  }
  const { prepareDatabaseAtStartup } = await import('./lib/db/startup');
  if (!(await prepareDatabaseAtStartup(production))) return;
  const { startScheduledJobs } = await import('./lib/jobs/start');
  await startScheduledJobs();
}
