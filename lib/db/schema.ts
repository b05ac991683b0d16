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

export type Database = {
  job_claims: JobClaimsTable;
  job_leases: JobLeasesTable;
  digest_subscriptions: DigestSubscriptionsTable;
  digest_deliveries: DigestDeliveriesTable;
};
