/**
 * The tables, as Kysely sees them. Timestamps are ISO 8601 UTC text (`2026-12-03T08:00:00.000Z`),
 * the same in both engines and ordered as text; ids are random UUIDs made by the app.
 */

/** One row per job run that must happen once across every instance (lib/jobs/claim.ts). */
export type JobClaimsTable = { key: string; claimed_at: string; holder: string };

/** Who runs a one-at-a-time job until when (lib/jobs/lease.ts). */
export type JobLeasesTable = { name: string; holder: string; expires_at: string };

export type DigestSubscriptionsTable = {
  id: string;
  member_email: string;
  cadence: string;
  locale: string;
  created_at: string;
};

export type DigestDeliveriesTable = {
  id: string;
  /** Unique: `<subscription>:<period start>` for a scheduled digest, `<subscription>:now:<uuid>` for "send now". */
  delivery_key: string;
  subscription_id: string;
  period_start: string;
  period_end: string;
  status: string;
  attempts: number;
  /** When the digest fell due: retries stop 24 h after it. */
  due_at: string;
  next_attempt_at: string;
  /** An instance working on it holds it until then; a crashed one's claim lapses. */
  claimed_until: string | null;
  last_error: string | null;
  updated_at: string;
};

/** An alert rule and its current state (lib/alerts/store.ts). Booleans are 0/1 in both engines. */
export type AlertRulesTable = {
  id: string;
  name: string;
  metric: string;
  window: string;
  comparator: string;
  threshold: number;
  after: string | null;
  /** Comma-separated (`mon,tue`); null for every day. */
  weekdays: string | null;
  paused: number;
  /** A JSON array of addresses. */
  emails: string;
  webhook_url: string | null;
  webhook_format: string | null;
  webhook_secret: string | null;
  /** A secret saved from the page: the member it is shown to, once, on the rule's page. */
  webhook_secret_reveal_to: string | null;
  locale: string;
  remind_every_hours: number | null;
  state: string;
  state_since: string;
  unknown_since: string | null;
  last_known: string;
  value: number | null;
  checked_at: string | null;
  last_firing_notice_at: string | null;
  unknown_notice_sent: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  /** A deleted rule stays, hidden, so its history says who deleted it. */
  deleted_at: string | null;
};

/** A rule's history: transitions, reminders, tests, and edits with who made them. */
export type AlertEventsTable = {
  id: string;
  rule_id: string;
  at: string;
  kind: string;
  state: string;
  value: number | null;
  threshold: number;
  changed_by: string | null;
  /** Edits: a JSON array of the field names changed. */
  changes: string | null;
  /** Notifications: the JSON facts sent (lib/alerts/notice.ts), so a retry sends the same words. */
  facts: string | null;
};

/** One notification to one channel (an email address or the webhook), retried for an hour. */
export type AlertDeliveriesTable = {
  id: string;
  event_id: string;
  rule_id: string;
  channel: string;
  target: string | null;
  status: string;
  attempts: number;
  first_attempt_at: string | null;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  updated_at: string;
};

export type Database = {
  job_claims: JobClaimsTable;
  job_leases: JobLeasesTable;
  digest_subscriptions: DigestSubscriptionsTable;
  digest_deliveries: DigestDeliveriesTable;
  alert_rules: AlertRulesTable;
  alert_events: AlertEventsTable;
  alert_deliveries: AlertDeliveriesTable;
};
