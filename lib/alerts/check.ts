import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import type { CallbackStats } from '../stats/callback-stats';
import { metricValue } from './evaluate';
import type { NoticeFacts } from './notice';
import { nextStatus, type Notice, type Reading, type Transition } from './state-machine';
import { listRules, statusColumns, type AlertRule } from './store';
import { isDueForCheck, windowKey, windowQuery, windowRange, type WindowRange } from './windows';

/**
 * One check of every active rule: the figures of each distinct window read once (however many
 * rules share it), each rule's state moved on, every transition kept as an event, and each
 * notice queued as one delivery per channel (lib/alerts/deliver.ts sends them).
 */
export type WindowFigures = { kind: 'stats'; stats: Pick<CallbackStats, 'totals' | 'rates'> } | { kind: 'unreadable'; reason: string };
export type ReadWindow = (range: WindowRange) => Promise<WindowFigures>;

export type CheckContext = {
  now: number;
  timeZone: string;
  /** The dashboard's public address, for the link in each notice. */
  publicUrl: URL;
  read: ReadWindow;
};

export type CheckSummary = { checked: number; windowsRead: number; notices: number };

export async function checkRules(db: Db, context: CheckContext): Promise<CheckSummary> {
  const now = new Date(context.now);
  const rules = (await listRules(db, { includePaused: false })).filter((rule) => isDueForCheck(rule, now, context.timeZone));
  const figures = new Map<string, Promise<WindowFigures>>();
  const figuresOf = (range: WindowRange) => {
    const key = windowKey(range);
    if (!figures.has(key))
      figures.set(
        key,
        context.read(range).catch((error: unknown) => ({ kind: 'unreadable' as const, reason: String(error) })),
      );
    return figures.get(key)!;
  };
  let notices = 0;
  for (const rule of rules) {
    const range = windowRange(rule.window, now, context.timeZone);
    const read = await figuresOf(range);
    // A failure to read is a reading of its own, never a value of zero.
    const reading: Reading =
      read.kind === 'stats' ? { kind: 'value', value: metricValue(rule.metric, read.stats) } : { kind: 'unreadable', reason: read.reason };
    const step = nextStatus({ ...rule, remindEveryHours: rule.remindEveryHours }, rule.status, reading, context.now);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('alert_rules').set(statusColumns(step.status)).where('id', '=', rule.id).execute();
      for (const transition of step.transitions) {
        const facts = transition.notify
          ? noticeFacts(rule, transition.kind as Notice, step.status.state, step.status.value, context, step.status.since)
          : null;
        await recordEvent(trx as unknown as Db, rule, transition, step.status.state, step.status.value, context.now, facts);
        if (facts) notices++;
      }
    });
  }
  return { checked: rules.length, windowsRead: figures.size, notices };
}

export function noticeFacts(
  rule: AlertRule,
  kind: NoticeFacts['kind'],
  state: NoticeFacts['state'],
  value: number | null,
  context: Pick<CheckContext, 'now' | 'timeZone' | 'publicUrl'>,
  since: number,
): NoticeFacts {
  const { id, name, metric, window, comparator, threshold } = rule;
  return {
    alert: { id, name, metric, window, comparator, threshold },
    kind,
    state,
    value,
    at: new Date(context.now).toISOString(),
    since: state === 'firing' ? new Date(since).toISOString() : null,
    url: new URL(`/?${windowQuery(window)}`, context.publicUrl).toString(),
    locale: rule.locale,
    timeZone: context.timeZone,
  };
}

/** An event, and for a notice one pending delivery per email address and one for the webhook. */
export async function recordEvent(
  db: Db,
  rule: AlertRule,
  transition: Pick<Transition, 'kind'> | { kind: 'test' },
  state: string,
  value: number | null,
  now: number,
  facts: NoticeFacts | null,
): Promise<string> {
  const eventId = randomUUID();
  const at = new Date(now).toISOString();
  await db
    .insertInto('alert_events')
    .values({
      id: eventId,
      rule_id: rule.id,
      at,
      kind: transition.kind,
      state,
      value,
      threshold: rule.threshold,
      changed_by: null,
      changes: null,
      facts: facts ? JSON.stringify(facts) : null,
    })
    .execute();
  if (!facts) return eventId;
  const channels = [
    ...rule.emails.map((email) => ({ channel: 'email', target: email as string | null })),
    ...(rule.webhook ? [{ channel: 'webhook', target: null }] : []),
  ];
  for (const { channel, target } of channels) {
    await db
      .insertInto('alert_deliveries')
      .values({
        id: randomUUID(),
        event_id: eventId,
        rule_id: rule.id,
        channel,
        target,
        status: 'pending',
        attempts: 0,
        first_attempt_at: null,
        next_attempt_at: at,
        claimed_until: null,
        last_error: null,
        updated_at: at,
      })
      .execute();
  }
  return eventId;
}
