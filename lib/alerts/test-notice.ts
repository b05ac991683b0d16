import 'server-only';
import type { Db } from '../db';
import { getAppTimeZone } from '../env';
import { logError } from '../log';
import { getAuthSettings } from '../settings/auth';
import { noticeFacts, recordEvent } from './check';
import { deliverPending } from './deliver';
import { getAlertSettings } from './settings';
import type { AlertRule } from './store';

/**
 * "Send a test": a test event with one delivery per channel, recorded like any notice, and a
 * delivery run started now (not awaited: the answer is 202) so it arrives within seconds.
 */
export async function sendTestNotice(db: Db, rule: AlertRule, now: number): Promise<void> {
  const context = { now, timeZone: getAppTimeZone(), publicUrl: getAuthSettings().publicUrl };
  const facts = noticeFacts(rule, 'test', rule.status.state, rule.status.value, context, rule.status.since);
  await recordEvent(db, rule, { kind: 'test' }, rule.status.state, rule.status.value, now, facts);
  void deliverPending(db, { now, allowPrivateWebhooks: getAlertSettings().allowPrivateWebhooks }).catch((error) =>
    logError('alert_delivery_failed', error),
  );
}
