import 'server-only';
import { getDb } from '../db';
import { forgetClaimsBefore } from './claim';
import type { Job } from './scheduler';

/**
 * How long a claim is kept. Claim keys name their moment (an alert check's period), so none
 * recurs after this; the table would otherwise grow by a row per check, for good.
 */
export const CLAIM_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Once a day, at a quiet hour: forgets old job claims. Every instance may run it; deletes agree. */
export const housekeepingJob: Job = {
  name: 'housekeeping',
  pattern: '17 3 * * *',
  run: async (now) => {
    await forgetClaimsBefore(await getDb(), new Date(now.getTime() - CLAIM_RETENTION_MS));
  },
};
