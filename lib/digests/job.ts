import 'server-only';
import type { Job } from '../jobs/scheduler';

/** Each minute: plans the digests that fell due and sends what is pending (lib/digests/deliver.ts). */
export const digestJob: Job = {
  name: 'digests',
  pattern: '* * * * *',
  run: async (now) => {
    const { runDigests } = await import('./deliver');
    await runDigests(now);
  },
};
