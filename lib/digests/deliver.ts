import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb, type Db } from '../db';
import { getAppTimeZone, getWeekStart } from '../env';
import { logError } from '../log';
import { getMailSettings, sendMail, type OutgoingMail } from '../mail';
import type { MailSettings } from '../mail/settings';
import { isSubscriberAllowed } from './allowed';
import { composeDigestEmail, FiguresUnavailableError } from './compose';
import { CADENCES, duePeriod, lastCompletePeriod, type DigestPeriod, type Schedule } from './periods';
import { findSubscription, type Subscription } from './store';

/**
 * Delivery, run each minute on every instance (lib/digests/job.ts):
 * 1. plan: for each subscription whose period fell due within 24 h, insert its delivery under the
 *    unique key `<subscription>:<period start>`; every instance inserts, the database keeps one.
 * 2. send: take pending deliveries whose time has come, each claimed by a conditional update
 *    (only one instance's lands), compose from the figures, send, record the outcome.
 * A failure (SMTP down, Talkover unavailable) is retried with backoff until 24 h after the digest
 * fell due, then recorded as failed. A crashed instance's claim lapses after CLAIM_MS.
 */

const CLAIM_MS = 5 * 60 * 1000;
const GIVE_UP_MS = 24 * 60 * 60 * 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
const BATCH = 100;

export type DigestContext = {
  db: Db;
  schedule: Schedule;
  mail: MailSettings;
  send: (mail: OutgoingMail) => Promise<unknown>;
};

export async function defaultDigestContext(): Promise<DigestContext> {
  const mail = getMailSettings();
  return {
    db: await getDb(),
    schedule: { timeZone: getAppTimeZone(), weekStart: getWeekStart(), sendHour: mail.sendHour },
    mail,
    send: (message) => sendMail(message, mail),
  };
}

/** One tick: plan what fell due, then send what is pending. Nothing when mail is off. */
export async function runDigests(now: Date, context?: DigestContext): Promise<void> {
  const ctx = context ?? (await defaultDigestContext());
  if (ctx.mail.transport === 'off') return;
  await planDueDeliveries(ctx, now);
  await sendPendingDeliveries(ctx, now);
}

export async function planDueDeliveries({ db, schedule }: DigestContext, now: Date): Promise<void> {
  for (const cadence of CADENCES) {
    const period = duePeriod(cadence, now, schedule);
    if (!period) continue;
    const subscriptions = await db.selectFrom('digest_subscriptions').select(['id', 'member_email']).where('cadence', '=', cadence).execute();
    const allowed = subscriptions.filter((row) => isSubscriberAllowed(row.member_email));
    for (let i = 0; i < allowed.length; i += BATCH) {
      const rows = allowed.slice(i, i + BATCH).map((row) => newDelivery(`${row.id}:${period.start}`, row.id, period, now));
      await db
        .insertInto('digest_deliveries')
        .values(rows)
        .onConflict((conflict) => conflict.column('delivery_key').doNothing())
        .execute();
    }
  }
}

function newDelivery(key: string, subscriptionId: string, period: DigestPeriod, now: Date) {
  const dueAt = period.dueAt.toISOString();
  return {
    id: randomUUID(),
    delivery_key: key,
    subscription_id: subscriptionId,
    period_start: period.start,
    period_end: period.end,
    status: 'pending',
    attempts: 0,
    due_at: dueAt,
    next_attempt_at: dueAt,
    claimed_until: null,
    last_error: null,
    updated_at: now.toISOString(),
  };
}

/** "Send a test now": the last complete period's digest, recorded as a delivery of its own. Returns its id. */
export async function queueDigestNow(ctx: DigestContext, subscription: Subscription, now: Date): Promise<string> {
  const period = { ...lastCompletePeriod(subscription.cadence, now, ctx.schedule), dueAt: now };
  const row = newDelivery(`${subscription.id}:now:${randomUUID()}`, subscription.id, period, now);
  await ctx.db.insertInto('digest_deliveries').values(row).execute();
  return row.id;
}

export async function sendPendingDeliveries(ctx: DigestContext, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  for (;;) {
    const pending = await ctx.db
      .selectFrom('digest_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .execute();
    let claimedAny = false;
    for (const { id } of pending) {
      if (!(await claimDelivery(ctx, id, now))) continue;
      claimedAny = true;
      await deliver(ctx, id, now);
    }
    if (pending.length < BATCH || !claimedAny) return;
  }
}

/** Claims a pending delivery for this instance: true only for the one whose update lands. */
export async function claimDelivery({ db }: DigestContext, id: string, now: Date): Promise<boolean> {
  const nowIso = now.toISOString();
  const result = await db
    .updateTable('digest_deliveries')
    .set({ claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Composes and sends one claimed delivery, and records what happened. */
export async function deliver(ctx: DigestContext, id: string, now: Date): Promise<void> {
  const { db } = ctx;
  const row = await db.selectFrom('digest_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const subscription = await findSubscription(db, row.subscription_id);
  if (!subscription || !isSubscriberAllowed(subscription.member_email)) {
    await db
      .updateTable('digest_deliveries')
      .set({ status: 'failed', last_error: 'not_allowed', claimed_until: null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    return;
  }
  try {
    const email = await composeDigestEmail(subscription, { start: row.period_start, end: row.period_end }, ctx.schedule.timeZone);
    await ctx.send(email);
    outageState[OUTAGE]?.clear();
    await db
      .updateTable('digest_deliveries')
      .set({ status: 'sent', attempts: row.attempts + 1, last_error: null, claimed_until: null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  } catch (error) {
    const attempts = row.attempts + 1;
    const giveUp = now.getTime() - Date.parse(row.due_at) >= GIVE_UP_MS;
    const retryAt = new Date(now.getTime() + Math.min(60_000 * 2 ** (attempts - 1), MAX_BACKOFF_MS));
    const reason = error instanceof FiguresUnavailableError ? 'figures_unavailable' : 'mail_failed';
    noteOutage(reason, error);
    await db
      .updateTable('digest_deliveries')
      .set({
        status: giveUp ? 'failed' : 'pending',
        attempts,
        next_attempt_at: retryAt.toISOString(),
        last_error: reason,
        claimed_until: null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }
}

/** One log line per outage (SMTP or Talkover), not one per digest: reset by the next success. */
const OUTAGE = Symbol.for('callback-stats.digest-outage');
const outageState = globalThis as typeof globalThis & { [OUTAGE]?: Set<string> };

function noteOutage(reason: string, error: unknown): void {
  const seen = (outageState[OUTAGE] ??= new Set());
  if (seen.has(reason)) return;
  seen.add(reason);
  logError(reason === 'figures_unavailable' ? 'digest_figures_unavailable' : 'digest_mail_failed', error);
}
