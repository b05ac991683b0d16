import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';

/** This process, as claims and leases name it. */
export const INSTANCE_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Claims a piece of work for this instance, once across every instance sharing the database:
 * inserts `key` into job_claims, and only the instance whose insert lands gets true. Use a key
 * that names the work exactly (`alerts:rule-7:2026-12-03T08:00`). Claims are never released:
 * work claimed and then failed is the claimer's to record.
 */
export async function claimOnce(db: Db, key: string, now = new Date()): Promise<boolean> {
  const result = await db
    .insertInto('job_claims')
    .values({ key, claimed_at: now.toISOString(), holder: INSTANCE_ID })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Forgets claims older than `before` (housekeeping; a claim's key must not recur after that). */
export async function forgetClaimsBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('job_claims').where('claimed_at', '<', before.toISOString()).execute();
}
