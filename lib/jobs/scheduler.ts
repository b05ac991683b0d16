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

type SchedulerState = { jobs: Map<string, Job>; timers: Cron[]; started: boolean };
const KEY = Symbol.for('callback-stats.scheduler');
const store = globalThis as typeof globalThis & { [KEY]?: SchedulerState };
const state: SchedulerState = (store[KEY] ??= { jobs: new Map(), timers: [], started: false });

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

/** Runs one job now, logging rather than throwing (what each tick does). */
export async function runJob(job: Job, now = new Date()): Promise<void> {
  try {
    await job.run(now);
  } catch (error) {
    logError('scheduled_job_failed', error, { job: job.name });
  }
}

function schedule(job: Job): void {
  state.timers.push(new Cron(job.pattern, { protect: true }, () => runJob(job)));
}
