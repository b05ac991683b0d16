import { alertRoute, json, ruleNotFound, toEventJson } from '@/lib/alerts/api';
import { findRule, listEvents } from '@/lib/alerts/store';

/** GET /api/alerts/{id}/events: the rule's history, newest first (transitions, notices, edits). */
export const GET = alertRoute<{ params: Promise<{ id: string }> }>(async ({ db }, { params }) => {
  const rule = await findRule(db, (await params).id);
  if (!rule) throw ruleNotFound();
  return json({ events: (await listEvents(db, rule.id)).map(toEventJson) });
});
