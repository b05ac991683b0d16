import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { readCappedForm } from '@/lib/capped-body';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { errorResponse, seeOther } from '@/lib/http';
import { ruleNotFound } from '@/lib/alerts/api';
import { deleteRule, findRule, updateRule } from '@/lib/alerts/store';
import { sendTestNotice } from '@/lib/alerts/test-notice';
import { checkSameOrigin } from '@/lib/security/origin';

/**
 * POST /api/alerts/forms/action (form: id, do = pause | resume | test | delete): the buttons of
 * a rule's page, as plain forms. 303 back to the rule (or the list after a delete).
 */
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const user = await requireApiUser(request);
    const refusal = checkSameOrigin(request);
    if (refusal) throw refusal;
    const form = await readCappedForm(request);
    const db = await getDb();
    const rule = await findRule(db, form.get('id') ?? '');
    if (!rule) throw ruleNotFound();
    const now = Date.now();
    switch (form.get('do')) {
      case 'pause':
      case 'resume':
        await updateRule(db, rule, { paused: form.get('do') === 'pause' }, user.email, now);
        return seeOther(`/alerts/${rule.id}`);
      case 'test':
        await sendTestNotice(db, rule, now);
        return seeOther(`/alerts/${rule.id}?done=tested`);
      case 'delete':
        await deleteRule(db, rule, user.email, now);
        return seeOther('/alerts');
      default:
        throw new AppError('bad_request', { code: 'invalid_field', message: 'do: must be one of: pause, resume, test, delete' });
    }
  } catch (error) {
    return errorResponse(error);
  }
}
