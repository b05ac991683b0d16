import 'server-only';
import type { Job } from '../jobs/scheduler';

/**
 * Every ten seconds: if a check is due (one per ALERT_CHECK_SECONDS slot, across all instances),
 * check the rules; then send the notices that are due. lib/alerts/run.ts does the work.
 */
export const alertJob: Job = {
  name: 'alerts',
  pattern: '*/10 * * * * *',
  run: async (now) => {
    const { runAlerts } = await import('./run');
    await runAlerts(now);
  },
};
