import { alertRoute, checkRuleToSave, json, readAlertBody, toAlertJson } from '@/lib/alerts/api';
import { createAlertSchema } from '@/lib/alerts/schemas';
import { createRule, listRules } from '@/lib/alerts/store';
import { getDefaultLocale } from '@/lib/env';

/**
 * GET /api/alerts: the team's rules with their state. POST /api/alerts: a new rule (201), with
 * its webhook's secret shown this once. docs/alerts.md documents the fields.
 */
export const GET = alertRoute(async ({ db }) => json({ alerts: (await listRules(db)).map(toAlertJson) }));

export const POST = alertRoute(async ({ request, user, db }) => {
  const input = await readAlertBody(request, createAlertSchema);
  await checkRuleToSave(input);
  const { rule, webhookSecret } = await createRule(db, { ...input, locale: input.locale ?? getDefaultLocale() }, user.email, Date.now());
  return json({ ...toAlertJson(rule), ...(webhookSecret ? { webhook_secret: webhookSecret } : {}) }, 201);
});
