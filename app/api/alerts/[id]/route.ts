import { alertRoute, checkRuleToSave, json, noContent, readAlertBody, ruleNotFound, toAlertJson } from '@/lib/alerts/api';
import { patchAlertSchema } from '@/lib/alerts/schemas';
import { deleteRule, findRule, updateRule } from '@/lib/alerts/store';

type Context = { params: Promise<{ id: string }> };

/** PATCH /api/alerts/{id}: any of the fields (`paused` to pause); DELETE: 204. Each change records who made it. */
export const PATCH = alertRoute<Context>(async ({ request, user, db }, { params }) => {
  const rule = await findRule(db, (await params).id);
  if (!rule) throw ruleNotFound();
  const patch = await readAlertBody(request, patchAlertSchema);
  const merged = {
    metric: patch.metric ?? rule.metric,
    threshold: patch.threshold ?? rule.threshold,
    emails: patch.emails ?? rule.emails,
    webhook: patch.webhook === undefined ? rule.webhook : patch.webhook,
  };
  await checkRuleToSave(merged, patch.webhook ?? null);
  const { rule: updated, webhookSecret } = await updateRule(db, rule, patch, user.email, Date.now());
  return json({ ...toAlertJson(updated), ...(webhookSecret ? { webhook_secret: webhookSecret } : {}) });
});

export const DELETE = alertRoute<Context>(async ({ user, db }, { params }) => {
  const rule = await findRule(db, (await params).id);
  if (!rule) throw ruleNotFound();
  await deleteRule(db, rule, user.email, Date.now());
  return noContent(204);
});
