import 'server-only';
import type { Db } from '../db';
import { INSTANCE_ID } from './claim';

/**
 * A lease makes a job run on one instance at a time: whoever holds `name` until `expires_at`
 * runs it; another instance takes it over only once it has expired (its holder crashed or hung).
 * Take it for longer than one run lasts; `withLease` renews nothing, it releases at the end.
 */
export async function acquireLease(db: Db, name: string, ttlMs: number, holder = INSTANCE_ID, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  // Insert, or take over an expired lease (or our own) in one statement: the row decides.
  const result = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((conflict) =>
      conflict
        .column('name')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb('job_leases.expires_at', '<=', now.toISOString()), eb('job_leases.holder', '=', holder)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function releaseLease(db: Db, name: string, holder = INSTANCE_ID): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Runs `work` if this instance gets the lease, and releases it after; null when another holds it. */
export async function withLease<T>(db: Db, name: string, ttlMs: number, work: () => Promise<T>, holder = INSTANCE_ID): Promise<T | null> {
  if (!(await acquireLease(db, name, ttlMs, holder))) return null;
  try {
    return await work();
  } finally {
    await releaseLease(db, name, holder).catch(() => {});
  }
}
