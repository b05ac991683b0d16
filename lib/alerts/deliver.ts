import 'server-only';
import type { Db } from '../db';
import { sendMail, type OutgoingMail } from '../mail';
import type { NoticeFacts } from './notice';
import { noticeEmail } from './notice-email';
import { nextAttemptAt } from './retry-schedule';
import { findRule } from './store';
import { webhookBody } from './webhook-payload';
import { sendWebhook, type WebhookOutcome } from './webhook-send';

/**
 * Sends the notices that are due: each delivery claimed first (so two instances never send the
 * same one), tried once, then recorded sent, retried later with backoff, or failed after an hour.
 */
const CLAIM_MS = 2 * 60_000;
const BATCH = 50;

export type DeliverContext = {
  now: number;
  allowPrivateWebhooks: boolean;
  sendMail?: (mail: OutgoingMail) => Promise<unknown>;
};

export async function deliverPending(db: Db, context: DeliverContext): Promise<{ sent: number; failed: number; retrying: number }> {
  const at = new Date(context.now).toISOString();
  const due = await db
    .selectFrom('alert_deliveries')
    .innerJoin('alert_events', 'alert_events.id', 'alert_deliveries.event_id')
    .select([
      'alert_deliveries.id',
      'alert_deliveries.channel',
      'alert_deliveries.target',
      'alert_deliveries.rule_id',
      'alert_deliveries.attempts',
      'alert_deliveries.first_attempt_at',
      'alert_events.facts',
    ])
    .where('alert_deliveries.status', '=', 'pending')
    .where('alert_deliveries.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('alert_deliveries.claimed_until', 'is', null), eb('alert_deliveries.claimed_until', '<', at)]))
    .orderBy('alert_deliveries.next_attempt_at')
    .limit(BATCH)
    .execute();
  const summary = { sent: 0, failed: 0, retrying: 0 };
  for (const delivery of due) {
    if (!(await claim(db, delivery.id, context.now))) continue;
    const outcome = await attempt(db, delivery, context);
    const firstAttemptAt = delivery.first_attempt_at ? Date.parse(delivery.first_attempt_at) : context.now;
    const attempts = delivery.attempts + 1;
    const retryAt = !outcome.ok && outcome.retry ? nextAttemptAt(firstAttemptAt, attempts, context.now) : null;
    const status = outcome.ok ? 'sent' : retryAt === null ? 'failed' : 'pending';
    summary[status === 'sent' ? 'sent' : status === 'failed' ? 'failed' : 'retrying']++;
    await db
      .updateTable('alert_deliveries')
      .set({
        status,
        attempts,
        first_attempt_at: new Date(firstAttemptAt).toISOString(),
        next_attempt_at: new Date(retryAt ?? context.now).toISOString(),
        claimed_until: null,
        last_error: outcome.ok ? null : outcome.reason.slice(0, 200),
        updated_at: new Date(context.now).toISOString(),
      })
      .where('id', '=', delivery.id)
      .execute();
  }
  return summary;
}

/** Takes the delivery for this instance; false when another instance took it first. */
async function claim(db: Db, id: string, now: number): Promise<boolean> {
  const at = new Date(now).toISOString();
  const result = await db
    .updateTable('alert_deliveries')
    .set({ claimed_until: new Date(now + CLAIM_MS).toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type DueDelivery = { channel: string; target: string | null; rule_id: string; facts: string | null };

async function attempt(db: Db, delivery: DueDelivery, context: DeliverContext): Promise<WebhookOutcome> {
  if (!delivery.facts) return { ok: false, retry: false, reason: 'nothing_to_send' };
  const facts = JSON.parse(delivery.facts) as NoticeFacts;
  if (delivery.channel === 'email') {
    try {
      const mail = noticeEmail(facts);
      await (context.sendMail ?? sendMail)({ to: delivery.target as string, ...mail });
      return { ok: true, status: 250 };
    } catch (error) {
      const mailOff = error instanceof Error && error.name === 'MailOffError';
      return { ok: false, retry: !mailOff, reason: mailOff ? 'mail_off' : 'smtp_error' };
    }
  }
  const rule = await findRule(db, delivery.rule_id);
  if (!rule?.webhook || !rule.webhookSecret) return { ok: false, retry: false, reason: 'no_webhook' };
  return sendWebhook({
    url: rule.webhook.url,
    secret: rule.webhookSecret,
    body: webhookBody(rule.webhook.format, facts),
    timestampSeconds: Math.floor(context.now / 1000),
    allowPrivate: context.allowPrivateWebhooks,
  });
}
