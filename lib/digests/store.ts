import 'server-only';
import { randomUUID } from 'node:crypto';
import type { AppLocale } from '../../i18n/locales';
import type { Db } from '../db';
import type { Cadence } from './periods';

/** What a member sees of one subscription (GET /api/digests). */
export type DigestJson = {
  id: string;
  cadence: Cadence;
  locale: AppLocale;
  created_at: string;
  last_delivery: { period: { start: string; end: string }; status: DeliveryStatus; at: string } | null;
};

export type DeliveryStatus = 'sent' | 'failed' | 'pending';
export type Subscription = { id: string; member_email: string; cadence: Cadence; locale: AppLocale; created_at: string };

export async function listSubscriptions(db: Db, email: string): Promise<DigestJson[]> {
  return (await listSubscriptionsWithErrors(db, email)).map((entry) => entry.digest);
}

/** The same, with why the last delivery failed or is being retried (for the dashboard's list). */
export async function listSubscriptionsWithErrors(db: Db, email: string): Promise<{ digest: DigestJson; lastError: string | null }[]> {
  const rows = (await db
    .selectFrom('digest_subscriptions')
    .selectAll()
    .where('member_email', '=', email)
    .orderBy('created_at')
    .orderBy('id')
    .execute()) as Subscription[];
  return Promise.all(
    rows.map(async (row) => {
      const delivery = await lastDelivery(db, row.id);
      return { digest: toDigestJson(row, delivery), lastError: delivery?.last_error ?? null };
    }),
  );
}

async function lastDelivery(db: Db, subscriptionId: string) {
  return db
    .selectFrom('digest_deliveries')
    .select(['period_start', 'period_end', 'status', 'updated_at', 'last_error'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('updated_at', 'desc')
    .orderBy('due_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function toDigestJson(row: Subscription, delivery?: Awaited<ReturnType<typeof lastDelivery>>): DigestJson {
  return {
    id: row.id,
    cadence: row.cadence,
    locale: row.locale,
    created_at: row.created_at,
    last_delivery: delivery
      ? {
          period: { start: delivery.period_start, end: delivery.period_end },
          status: delivery.status as DeliveryStatus,
          at: delivery.updated_at,
        }
      : null,
  };
}

/** The new subscription, or null when the member already has one of that cadence. */
export async function createSubscription(
  db: Db,
  email: string,
  cadence: Cadence,
  locale: AppLocale,
  now = new Date(),
): Promise<Subscription | null> {
  const row: Subscription = { id: randomUUID(), member_email: email, cadence, locale, created_at: now.toISOString() };
  const result = await db
    .insertInto('digest_subscriptions')
    .values(row)
    .onConflict((conflict) => conflict.columns(['member_email', 'cadence']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? row : null;
}

/** The member's own subscription by id; another member's is as absent as a missing one. */
export async function findOwnSubscription(db: Db, email: string, id: string): Promise<Subscription | null> {
  const row = await db.selectFrom('digest_subscriptions').selectAll().where('id', '=', id).where('member_email', '=', email).executeTakeFirst();
  return (row as Subscription | undefined) ?? null;
}

export async function findSubscription(db: Db, id: string): Promise<Subscription | null> {
  const row = await db.selectFrom('digest_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return (row as Subscription | undefined) ?? null;
}

export async function setSubscriptionLocale(db: Db, id: string, locale: AppLocale): Promise<void> {
  await db.updateTable('digest_subscriptions').set({ locale }).where('id', '=', id).execute();
}

/** Removes a subscription and its delivery history; true when there was one. */
export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('digest_deliveries').where('subscription_id', '=', id).execute();
    const result = await trx.deleteFrom('digest_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}
