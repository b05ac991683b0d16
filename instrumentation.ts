/**
 * Runs once when the server starts. In production it refuses to start, with one line naming
 * the problem, when a required setting is missing: a dashboard that boots without its token or
 * its sign-in would only fail later, in front of users.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NODE_ENV !== 'production') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { exitOnStartupProblem } = await import('./lib/startup-check');
  exitOnStartupProblem();
}
