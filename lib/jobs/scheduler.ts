import 'server-only';
import { Cron } from 'croner';
import { logError } from '../log';

/**
 * Scheduled work in the server process: one croner timer per job, started once from
 * instrumentation.ts (`startScheduler()`). A job is a function of "now"; it must be safe to run
 * on every instance at once (claim its work with claimOnce, or run under withLease). A run never
 * overlaps the previous one of the same job, and a failure is logged, never thrown: pages keep
 * working when the database or SMTP is down, and the next minute tries again.
 */
export type Job = { name: string; pattern: string; run: (now: Date) => Promise<void> };

type SchedulerState = { jobs: Map<string, Job>; timers: Cron[]; started: boolean; failing: Map<string, number> };
const KEY = Symbol.for('callback-stats.scheduler');
const store = globalThis as typeof globalThis & { [KEY]?: SchedulerState };
const state: SchedulerState = (store[KEY] ??= { jobs: new Map(), timers: [], started: false, failing: new Map() });

/** Adds a job (by name: registering again replaces it). Jobs registered after start run too. */
export function registerJob(job: Job): void {
  state.jobs.set(job.name, job);
  if (state.started) schedule(job);
}

/** Starts every registered job's timer, once per process. */
export function startScheduler(): void {
  if (state.started) return;
  state.started = true;
  for (const job of state.jobs.values()) schedule(job);
}

/** Stops every timer (tests, shutdown). */
export function stopScheduler(): void {
  for (const timer of state.timers) timer.stop();
  state.timers = [];
  state.started = false;
}

/**
 * Runs one job now, logging rather than throwing (what each tick does). An outage is logged
 * once, when the job first fails, and once more when it works again with how many runs failed:
 * a database down for an hour is two lines, not sixty.
 */
export async function runJob(job: Job, now = new Date()): Promise<void> {
  try {
    await job.run(now);
  } catch (error) {
    const failedRuns = (state.failing.get(job.name) ?? 0) + 1;
    state.failing.set(job.name, failedRuns);
    if (failedRuns === 1) logError('scheduled_job_failed', error, { job: job.name });
    return;
  }
  const failedRuns = state.failing.get(job.name);
  if (failedRuns !== undefined) {
    state.failing.delete(job.name);
    console.error(JSON.stringify({ event: 'scheduled_job_recovered', job: job.name, failed_runs: failedRuns }));
  }
}

function schedule(job: Job): void {
  state.timers.push(new Cron(job.pattern, { protect: true }, () => runJob(job)));
}
