import type { Kysely } from 'kysely';

/** Members' digest subscriptions and every delivery, one per (subscription, period). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('member_email', 'varchar(320)', (col) => col.notNull())
    .addColumn('cadence', 'varchar(16)', (col) => col.notNull())
    .addColumn('locale', 'varchar(16)', (col) => col.notNull())
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .addUniqueConstraint('digest_subscriptions_member_cadence', ['member_email', 'cadence'])
    .execute();
  await db.schema
    .createTable('digest_deliveries')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('delivery_key', 'varchar(255)', (col) => col.notNull().unique())
    .addColumn('subscription_id', 'varchar(36)', (col) => col.notNull())
    .addColumn('period_start', 'varchar(10)', (col) => col.notNull())
    .addColumn('period_end', 'varchar(10)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('due_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('next_attempt_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('claimed_until', 'varchar(32)')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('digest_deliveries_subscription').on('digest_deliveries').columns(['subscription_id', 'updated_at']).execute();
  await db.schema.createIndex('digest_deliveries_pending').on('digest_deliveries').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('digest_deliveries').execute();
  await db.schema.dropTable('digest_subscriptions').execute();
}
