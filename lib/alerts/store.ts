import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AppLocale } from '../../i18n/locales';
import type { Db } from '../db';
import type { AlertRulesTable } from '../db/schema';
import type { AlertComparator, AlertMetric, AlertState, AlertWindow, WebhookFormat, Weekday } from './rule';
import type { AlertRuleInput, PatchAlertInput } from './schemas';
import type { RuleStatus } from './state-machine';
import { generateWebhookSecret } from './webhook-signature';

/**
 * Alert rules in the database: create, change, pause, delete (kept hidden, so its history still
 * says who deleted it), each change an event naming who made it and which fields it touched.
 */
export type AlertRule = {
  id: string;
  name: string;
  metric: AlertMetric;
  window: AlertWindow;
  comparator: AlertComparator;
  threshold: number;
  after: string | null;
  weekdays: Weekday[] | null;
  paused: boolean;
  emails: string[];
  webhook: { url: string; format: WebhookFormat } | null;
  /** Server-only: signs webhook POSTs; shown once when it is made. */
  webhookSecret: string | null;
  locale: AppLocale;
  remindEveryHours: number | null;
  status: RuleStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

const iso = (ms: number) => new Date(ms).toISOString();
const msOf = (value: string | null) => (value === null ? null : Date.parse(value));

export function toRule(row: Selectable<AlertRulesTable>): AlertRule {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric as AlertMetric,
    window: row.window as AlertWindow,
    comparator: row.comparator as AlertComparator,
    threshold: Number(row.threshold),
    after: row.after,
    weekdays: row.weekdays ? (row.weekdays.split(',') as Weekday[]) : null,
    paused: Number(row.paused) === 1,
    emails: JSON.parse(row.emails) as string[],
    webhook: row.webhook_url ? { url: row.webhook_url, format: (row.webhook_format ?? 'slack') as WebhookFormat } : null,
    webhookSecret: row.webhook_secret,
    locale: row.locale as AppLocale,
    remindEveryHours: row.remind_every_hours === null ? null : Number(row.remind_every_hours),
    status: {
      state: row.state as AlertState,
      since: msOf(row.state_since) as number,
      unknownSince: msOf(row.unknown_since),
      lastKnown: row.last_known as 'ok' | 'firing',
      value: row.value === null ? null : Number(row.value),
      checkedAt: msOf(row.checked_at),
      lastFiringNoticeAt: msOf(row.last_firing_notice_at),
      unknownNoticeSent: Number(row.unknown_notice_sent) === 1,
    },
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The status columns, as the checker writes them. */
export function statusColumns(status: RuleStatus) {
  return {
    state: status.state,
    state_since: iso(status.since),
    unknown_since: status.unknownSince === null ? null : iso(status.unknownSince),
    last_known: status.lastKnown,
    value: status.value,
    checked_at: status.checkedAt === null ? null : iso(status.checkedAt),
    last_firing_notice_at: status.lastFiringNoticeAt === null ? null : iso(status.lastFiringNoticeAt),
    unknown_notice_sent: status.unknownNoticeSent ? 1 : 0,
  };
}

type RuleFields = Omit<AlertRuleInput, 'webhook'> & { webhook: AlertRuleInput['webhook'] };

function fieldColumns(input: Partial<RuleFields>) {
  const columns: Partial<AlertRulesTable> = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.metric !== undefined) columns.metric = input.metric;
  if (input.window !== undefined) columns.window = input.window;
  if (input.comparator !== undefined) columns.comparator = input.comparator;
  if (input.threshold !== undefined) columns.threshold = input.threshold;
  if (input.after !== undefined) columns.after = input.after ?? null;
  if (input.weekdays !== undefined) columns.weekdays = input.weekdays && input.weekdays.length > 0 ? input.weekdays.join(',') : null;
  if (input.paused !== undefined) columns.paused = input.paused ? 1 : 0;
  if (input.emails !== undefined) columns.emails = JSON.stringify(input.emails);
  if (input.locale !== undefined) columns.locale = input.locale;
  if (input.remind_every_hours !== undefined) columns.remind_every_hours = input.remind_every_hours;
  if (input.webhook !== undefined) {
    columns.webhook_url = input.webhook?.url ?? null;
    columns.webhook_format = input.webhook?.format ?? null;
  }
  return columns;
}

export async function listRules(db: Db, options: { includePaused?: boolean } = {}): Promise<AlertRule[]> {
  let query = db.selectFrom('alert_rules').selectAll().where('deleted_at', 'is', null);
  if (options.includePaused === false) query = query.where('paused', '=', 0);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(toRule);
}

export async function findRule(db: Db, id: string): Promise<AlertRule | null> {
  const row = await db.selectFrom('alert_rules').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toRule(row) : null;
}

/** A new rule, ok from now on; returns the webhook secret (once) when there is a webhook. */
export async function createRule(
  db: Db,
  input: RuleFields,
  by: string,
  now: number,
  revealTo: string | null = null,
): Promise<{ rule: AlertRule; webhookSecret: string | null }> {
  const id = randomUUID();
  const webhookSecret = input.webhook ? generateWebhookSecret() : null;
  const at = iso(now);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('alert_rules')
      .values({
        id,
        name: input.name,
        metric: input.metric,
        window: input.window,
        comparator: input.comparator,
        threshold: input.threshold,
        after: null,
        weekdays: null,
        paused: 0,
        emails: '[]',
        webhook_url: null,
        webhook_format: null,
        locale: input.locale,
        remind_every_hours: null,
        ...fieldColumns(input),
        webhook_secret: webhookSecret,
        webhook_secret_reveal_to: webhookSecret ? revealTo : null,
        ...statusColumns({
          state: 'ok',
          since: now,
          unknownSince: null,
          lastKnown: 'ok',
          value: null,
          checkedAt: null,
          lastFiringNoticeAt: null,
          unknownNoticeSent: false,
        }),
        created_at: at,
        created_by: by,
        updated_at: at,
        updated_by: by,
        deleted_at: null,
      })
      .execute();
    await trx
      .insertInto('alert_events')
      .values(changeEvent(id, at, 'created', 'ok', input.threshold, by, null))
      .execute();
  });
  return { rule: (await findRule(db, id)) as AlertRule, webhookSecret };
}

/** Applies a patch; a webhook added or moved to another address gets a new secret (returned once). */
export async function updateRule(
  db: Db,
  rule: AlertRule,
  patch: PatchAlertInput,
  by: string,
  now: number,
  revealTo: string | null = null,
): Promise<{ rule: AlertRule; webhookSecret: string | null }> {
  const at = iso(now);
  const columns = fieldColumns(patch);
  const newAddress = patch.webhook !== undefined && patch.webhook !== null && patch.webhook.url !== rule.webhook?.url;
  const webhookSecret = newAddress ? generateWebhookSecret() : null;
  if (patch.webhook === null) Object.assign(columns, { webhook_secret: null, webhook_secret_reveal_to: null });
  if (webhookSecret) Object.assign(columns, { webhook_secret: webhookSecret, webhook_secret_reveal_to: revealTo });
  const changed = Object.keys(patch).filter((key) => patch[key as keyof PatchAlertInput] !== undefined);
  const kind = changed.length === 1 && changed[0] === 'paused' ? (patch.paused ? 'paused' : 'resumed') : 'updated';
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alert_rules')
      .set({ ...columns, updated_at: at, updated_by: by })
      .where('id', '=', rule.id)
      .execute();
    await trx
      .insertInto('alert_events')
      .values(changeEvent(rule.id, at, kind, rule.status.state, patch.threshold ?? rule.threshold, by, changed))
      .execute();
  });
  return { rule: (await findRule(db, rule.id)) as AlertRule, webhookSecret };
}

export async function deleteRule(db: Db, rule: AlertRule, by: string, now: number): Promise<void> {
  const at = iso(now);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('alert_rules').set({ deleted_at: at, updated_at: at, updated_by: by }).where('id', '=', rule.id).execute();
    await trx
      .insertInto('alert_events')
      .values(changeEvent(rule.id, at, 'deleted', rule.status.state, rule.threshold, by, null))
      .execute();
    // Nothing more goes out for a deleted rule.
    await trx
      .updateTable('alert_deliveries')
      .set({ status: 'failed', last_error: 'rule_deleted', updated_at: at })
      .where('rule_id', '=', rule.id)
      .where('status', '=', 'pending')
      .execute();
  });
}

function changeEvent(ruleId: string, at: string, kind: string, state: string, threshold: number, by: string, changes: string[] | null) {
  return {
    id: randomUUID(),
    rule_id: ruleId,
    at,
    kind,
    state,
    value: null,
    threshold,
    changed_by: by,
    changes: changes ? JSON.stringify(changes) : null,
    facts: null,
  };
}

export type AlertEvent = {
  id: string;
  at: string;
  kind: string;
  state: AlertState;
  value: number | null;
  threshold: number;
  changedBy: string | null;
  changes: string[] | null;
  deliveries: { channel: 'email' | 'webhook'; target: string | null; status: 'pending' | 'sent' | 'failed'; error: string | null }[];
};

/** A rule's history, newest first. */
export async function listEvents(db: Db, ruleId: string, limit = 200): Promise<AlertEvent[]> {
  const events = await db
    .selectFrom('alert_events')
    .selectAll()
    .where('rule_id', '=', ruleId)
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  const deliveries =
    events.length === 0
      ? []
      : await db
          .selectFrom('alert_deliveries')
          .select(['event_id', 'channel', 'target', 'status', 'last_error'])
          .where(
            'event_id',
            'in',
            events.map((event) => event.id),
          )
          .orderBy('channel')
          .orderBy('target')
          .execute();
  return events.map((event) => ({
    id: event.id,
    at: event.at,
    kind: event.kind,
    state: event.state as AlertState,
    value: event.value === null ? null : Number(event.value),
    threshold: Number(event.threshold),
    changedBy: event.changed_by,
    changes: event.changes ? (JSON.parse(event.changes) as string[]) : null,
    deliveries: deliveries
      .filter((delivery) => delivery.event_id === event.id)
      .map((delivery) => ({
        channel: delivery.channel as 'email' | 'webhook',
        target: delivery.target,
        status: delivery.status as 'pending' | 'sent' | 'failed',
        error: delivery.last_error,
      })),
  }));
}

/** Each rule's last notification (time, kind), for the list. */
export async function lastNotifications(db: Db): Promise<Map<string, { at: string; kind: string }>> {
  const rows = await db
    .selectFrom('alert_events')
    .select(['rule_id', 'at', 'kind'])
    .where('facts', 'is not', null)
    .orderBy('at', 'desc')
    .execute();
  const last = new Map<string, { at: string; kind: string }>();
  for (const row of rows) if (!last.has(row.rule_id)) last.set(row.rule_id, { at: row.at, kind: row.kind });
  return last;
}

/** The webhook secret waiting to be shown to `email` on the rule's page, taken (so shown once). */
export async function takeSecretToReveal(db: Db, ruleId: string, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('alert_rules')
    .select(['webhook_secret'])
    .where('id', '=', ruleId)
    .where('webhook_secret_reveal_to', '=', email)
    .executeTakeFirst();
  if (!row?.webhook_secret) return null;
  const taken = await db
    .updateTable('alert_rules')
    .set({ webhook_secret_reveal_to: null })
    .where('id', '=', ruleId)
    .where('webhook_secret_reveal_to', '=', email)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? row.webhook_secret : null;
}
