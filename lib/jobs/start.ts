import 'server-only';
import { registerJob, startScheduler, type Job } from './scheduler';

/**
 * Every scheduled job the server runs. Each module exports its Job; add new ones to this list.
 * Loaded lazily so a page render never pulls the jobs' code in.
 */
async function loadJobs(): Promise<Job[]> {
  const { digestJob } = await import('../digests/job');
  const { alertJob } = await import('../alerts/job');
  const { housekeepingJob } = await import('./housekeeping');
  return [digestJob, alertJob, housekeepingJob];
}

/** Registers and starts every job, once per process (instrumentation.ts, after the database is ready). */
export async function startScheduledJobs(): Promise<void> {
  for (const job of await loadJobs()) registerJob(job);
  startScheduler();
}
