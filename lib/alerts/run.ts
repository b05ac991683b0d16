import 'server-only';
import { getDb, type Db } from '../db';
import { getAppTimeZone } from '../env';
import { claimOnce } from '../jobs/claim';
import { withLease } from '../jobs/lease';
import { getAuthSettings } from '../settings/auth';
import { checkRules, type ReadWindow } from './check';
import { deliverPending } from './deliver';
import { readWindowFigures } from './read-figures';
import { getAlertSettings } from './settings';

/**
 * One tick of the alert job on one instance. Under the `alerts` lease, so one instance at a time
 * checks and sends; the check itself is claimed per ALERT_CHECK_SECONDS slot, so however many
 * instances tick, each slot is checked once and a notice is never sent twice.
 */
const LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export type RunOptions = { db?: Db; read?: ReadWindow; holder?: string; sendMail?: Parameters<typeof deliverPending>[1]['sendMail'] };

export async function runAlerts(now: Date, options: RunOptions = {}): Promise<{ checked: boolean } | null> {
  const settings = getAlertSettings();
  const db = options.db ?? (await getDb());
  return withLease(
    db,
    'alerts',
    LEASE_MS,
    async () => {
      const slot = Math.floor(now.getTime() / settings.checkEveryMs);
      const checked = await claimOnce(db, `alerts:check:${settings.checkEveryMs}:${slot}`, now);
      if (checked) {
        // Each slot's claim matters only while the slot lasts: forget those older than a day.
        await db
          .deleteFrom('job_claims')
          .where('key', 'like', 'alerts:check:%')
          .where('claimed_at', '<', new Date(now.getTime() - DAY_MS).toISOString())
          .execute();
        await checkRules(db, {
          now: now.getTime(),
          timeZone: getAppTimeZone(),
          publicUrl: getAuthSettings().publicUrl,
          read: options.read ?? readWindowFigures,
        });
      }
      await deliverPending(db, { now: now.getTime(), allowPrivateWebhooks: settings.allowPrivateWebhooks, sendMail: options.sendMail });
      return { checked };
    },
    options.holder,
  );
}
