import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '@/lib/db/migrate';
import { claimOnce, forgetClaimsBefore } from '@/lib/jobs/claim';
import { CLAIM_RETENTION_MS } from '@/lib/jobs/housekeeping';
import { acquireLease, releaseLease, withLease } from '@/lib/jobs/lease';
import { describeEachEngine } from '../support/database';

describeEachEngine('the database', (t) => {
  it('migrates once: a second run, and another instance at the same time, apply nothing', async () => {
    const [first, second] = await Promise.all([migrateToLatest(t.openAnother()), migrateToLatest(t.openAnother())]);
    expect([...first, ...second]).toEqual([]);
  });

  it('lets exactly one of many instances claim a key', async () => {
    const instances = [t.db, t.openAnother(), t.openAnother()];
    const results = await Promise.all(instances.flatMap((db) => [claimOnce(db, 'job:one'), claimOnce(db, 'job:one')]));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimOnce(t.db, 'job:two')).toBe(true);
  });

  it('forgets claims past their retention, and only those', async () => {
    const now = new Date('2026-12-03T03:17:00Z');
    const old = new Date(now.getTime() - CLAIM_RETENTION_MS - 60_000);
    const recent = new Date(now.getTime() - CLAIM_RETENTION_MS + 60_000);
    expect(await claimOnce(t.db, 'housekeeping:old', old)).toBe(true);
    expect(await claimOnce(t.db, 'housekeeping:recent', recent)).toBe(true);
    await forgetClaimsBefore(t.db, new Date(now.getTime() - CLAIM_RETENTION_MS));
    const keys = await t.db.selectFrom('job_claims').select('key').where('key', 'like', 'housekeeping:%').execute();
    expect(keys.map((row) => row.key)).toEqual(['housekeeping:recent']);
  });

  it('leases a job to one holder until it expires or is released', async () => {
    const now = new Date('2026-12-03T08:00:00Z');
    expect(await acquireLease(t.db, 'alerts', 60_000, 'a', now)).toBe(true);
    expect(await acquireLease(t.db, 'alerts', 60_000, 'b', now)).toBe(false);
    expect(await acquireLease(t.db, 'alerts', 60_000, 'a', now)).toBe(true);
    expect(await acquireLease(t.db, 'alerts', 60_000, 'b', new Date(now.getTime() + 61_000))).toBe(true);
    await releaseLease(t.db, 'alerts', 'b');
    let ran = 0;
    const results = await Promise.all(['x', 'y', 'z'].map((holder) => withLease(t.db, 'report', 60_000, async () => ++ran, holder)));
    expect(results.filter((result) => result !== null).length).toBeGreaterThanOrEqual(1);
    expect(ran).toBe(results.filter((result) => result !== null).length);
  });

  if (t.engine === 'postgres') {
    it('survives a connection the server drops while it is checked out between queries', async () => {
      // Inside a transaction the connection is out of the pool and no query is running: the
      // server's goodbye arrives as an 'error' event nobody else listens to.
      const other = t.openAnother();
      const failure = other.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select pg_terminate_backend(${rows[0]?.pid})`.execute(t.db);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`select 1`.execute(trx);
      });
      await expect(failure).rejects.toThrow();
      await expect(sql`select 1 as one`.execute(other)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    });
  }
});
