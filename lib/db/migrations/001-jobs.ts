import type { Kysely } from 'kysely';

/** Scheduled work shared by every instance: one-off claims and leases. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_claims')
    .addColumn('key', 'varchar(255)', (col) => col.primaryKey())
    .addColumn('claimed_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('holder', 'varchar(255)', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'varchar(255)', (col) => col.primaryKey())
    .addColumn('holder', 'varchar(255)', (col) => col.notNull())
    .addColumn('expires_at', 'varchar(32)', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_leases').execute();
  await db.schema.dropTable('job_claims').execute();
}
