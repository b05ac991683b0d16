import type { Kysely } from 'kysely';

/**
 * Alert rules with their current state, every event in their history (transitions, reminders,
 * tests and who changed what), and every notification's delivery to one channel.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('name', 'varchar(200)', (col) => col.notNull())
    .addColumn('metric', 'varchar(32)', (col) => col.notNull())
    .addColumn('window', 'varchar(32)', (col) => col.notNull())
    .addColumn('comparator', 'varchar(16)', (col) => col.notNull())
    .addColumn('threshold', 'double precision', (col) => col.notNull())
    .addColumn('after', 'varchar(5)')
    .addColumn('weekdays', 'varchar(40)')
    .addColumn('paused', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('emails', 'text', (col) => col.notNull())
    .addColumn('webhook_url', 'varchar(2000)')
    .addColumn('webhook_format', 'varchar(16)')
    .addColumn('webhook_secret', 'varchar(100)')
    .addColumn('webhook_secret_reveal_to', 'varchar(320)')
    .addColumn('locale', 'varchar(16)', (col) => col.notNull())
    .addColumn('remind_every_hours', 'integer')
    .addColumn('state', 'varchar(16)', (col) => col.notNull())
    .addColumn('state_since', 'varchar(32)', (col) => col.notNull())
    .addColumn('unknown_since', 'varchar(32)')
    .addColumn('last_known', 'varchar(16)', (col) => col.notNull())
    .addColumn('value', 'double precision')
    .addColumn('checked_at', 'varchar(32)')
    .addColumn('last_firing_notice_at', 'varchar(32)')
    .addColumn('unknown_notice_sent', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('created_by', 'varchar(320)', (col) => col.notNull())
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('updated_by', 'varchar(320)', (col) => col.notNull())
    .addColumn('deleted_at', 'varchar(32)')
    .execute();
  await db.schema
    .createTable('alert_events')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('rule_id', 'varchar(36)', (col) => col.notNull())
    .addColumn('at', 'varchar(32)', (col) => col.notNull())
    .addColumn('kind', 'varchar(32)', (col) => col.notNull())
    .addColumn('state', 'varchar(16)', (col) => col.notNull())
    .addColumn('value', 'double precision')
    .addColumn('threshold', 'double precision', (col) => col.notNull())
    .addColumn('changed_by', 'varchar(320)')
    .addColumn('changes', 'text')
    .addColumn('facts', 'text')
    .execute();
  await db.schema.createIndex('alert_events_rule').on('alert_events').columns(['rule_id', 'at']).execute();
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('event_id', 'varchar(36)', (col) => col.notNull())
    .addColumn('rule_id', 'varchar(36)', (col) => col.notNull())
    .addColumn('channel', 'varchar(16)', (col) => col.notNull())
    .addColumn('target', 'varchar(320)')
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('first_attempt_at', 'varchar(32)')
    .addColumn('next_attempt_at', 'varchar(32)', (col) => col.notNull())
    .addColumn('claimed_until', 'varchar(32)')
    .addColumn('last_error', 'varchar(200)')
    .addColumn('updated_at', 'varchar(32)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('alert_deliveries_event').on('alert_deliveries').column('event_id').execute();
  await db.schema.createIndex('alert_deliveries_pending').on('alert_deliveries').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_deliveries').execute();
  await db.schema.dropTable('alert_events').execute();
  await db.schema.dropTable('alert_rules').execute();
}
