import { alertRoute, noContent, ruleNotFound } from '@/lib/alerts/api';
import { sendTestNotice } from '@/lib/alerts/test-notice';
import { findRule } from '@/lib/alerts/store';

/** POST /api/alerts/{id}/test: a clearly labelled test notice to the rule's channels (202; sent in the background). */
export const POST = alertRoute<{ params: Promise<{ id: string }> }>(async ({ db }, { params }) => {
  const rule = await findRule(db, (await params).id);
  if (!rule) throw ruleNotFound();
  await sendTestNotice(db, rule, Date.now());
  return noContent(202);
});
