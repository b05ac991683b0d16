import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { readCappedForm } from '@/lib/capped-body';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { errorResponse, seeOther } from '@/lib/http';
import { checkRuleToSave } from '@/lib/alerts/api';
import { formToRuleInput, formValuesForRetry } from '@/lib/alerts/form';
import { createAlertSchema, describeIssue } from '@/lib/alerts/schemas';
import { createRule, findRule, updateRule } from '@/lib/alerts/store';
import { checkSameOrigin } from '@/lib/security/origin';

/**
 * POST /api/alerts/forms/save: the Alerts page's form (works without JavaScript). Creates a rule,
 * or with `id` replaces its fields, then 303s to the rule's page; a refused field 303s back to
 * the form naming it (and, for a new rule, with what was typed, the webhook address aside).
 */
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const user = await requireApiUser(request);
    const refusal = checkSameOrigin(request);
    if (refusal) throw refusal;
    const form = await readCappedForm(request);
    const id = form.get('id');
    const existing = id ? await findRule(await getDb(), id) : null;
    const back = existing ? `/alerts/${existing.id}` : '/alerts/new';
    const parsed = createAlertSchema.safeParse(formToRuleInput(form));
    if (!parsed.success) return seeOther(withProblem(back, describeIssue(parsed.error.issues[0]!).field, existing ? null : form));
    try {
      await checkRuleToSave(parsed.data, existing && parsed.data.webhook?.url === existing.webhook?.url ? null : parsed.data.webhook);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const field = error.code === 'webhook_address_refused' ? 'webhook' : 'emails';
      return seeOther(withProblem(back, field, existing ? null : form));
    }
    const db = await getDb();
    const now = Date.now();
    const locale = parsed.data.locale ?? 'en';
    if (existing) {
      const { paused: _paused, ...fields } = parsed.data;
      await updateRule(db, existing, { ...fields, locale }, user.email, now, user.email);
      return seeOther(`/alerts/${existing.id}?done=saved`);
    }
    const { rule } = await createRule(db, { ...parsed.data, locale }, user.email, now, user.email);
    return seeOther(`/alerts/${rule.id}?done=saved`);
  } catch (error) {
    return errorResponse(error);
  }
}

function withProblem(path: string, field: string, form: URLSearchParams | null): string {
  const query = form ? formValuesForRetry(form) : new URLSearchParams();
  query.set('error', field.split('.')[0]!);
  return `${path}?${query.toString()}`;
}
