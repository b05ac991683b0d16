import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { requireApiUser, type SessionUser } from '../auth/session';
import { readCappedBytes, MAX_REQUEST_BODY_BYTES } from '../capped-body';
import { getDb, type Db } from '../db';
import { AppError } from '../errors';
import { errorResponse, PRIVATE_NO_STORE } from '../http';
import { checkSameOrigin } from '../security/origin';
import { checkWebhookAddress } from './address-guard';
import { checkMergedRule, describeIssue } from './schemas';
import { getAlertSettings } from './settings';
import type { AlertEvent, AlertRule } from './store';

/**
 * What the /api/alerts routes share: a session for everything, a same-origin Origin for every
 * change, JSON bodies read through the request cap, problems answered in the usual envelope
 * naming the field, and the JSON of a rule and of its history.
 */
export type AlertRequest = { request: NextRequest; user: SessionUser; db: Db };

export function alertRoute<Context>(
  handle: (request: AlertRequest, context: Context) => Promise<Response>,
): (request: NextRequest, context: Context) => Promise<Response> {
  return async (request, context) => {
    try {
      const user = await requireApiUser(request);
      if (request.method !== 'GET') {
        const refusal = checkSameOrigin(request);
        if (refusal) throw refusal;
      }
      return await handle({ request, user, db: await getDb() }, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': PRIVATE_NO_STORE } });
}

export const noContent = (status: 202 | 204) => new Response(null, { status, headers: { 'Cache-Control': PRIVATE_NO_STORE } });

/** The JSON body, read through the cap, parsed by `schema`; a 400 naming the first bad field. */
export async function readAlertBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    await request.body?.cancel().catch(() => {});
    throw new AppError('unsupported_media_type', { code: 'invalid_json', message: 'Send the rule as JSON (Content-Type: application/json).' });
  }
  const bytes = await readCappedBytes(request.body, request.headers.get('content-length'), MAX_REQUEST_BODY_BYTES);
  if (bytes === null) throw new AppError('payload_too_large');
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('bad_request', { code: 'invalid_json', message: 'The body is not valid JSON.' });
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalidField(result.error.issues[0]!);
  return result.data;
}

export function invalidField(issue: Parameters<typeof describeIssue>[0]): AppError {
  const { message } = describeIssue(issue);
  return new AppError('bad_request', { code: 'invalid_field', message });
}

/**
 * The whole rule's cross-field rules, then the address of a webhook being saved (resolved now;
 * a stored one was checked when it was saved, and is checked again at each send).
 */
export async function checkRuleToSave(rule: Parameters<typeof checkMergedRule>[0], newWebhook = rule.webhook): Promise<void> {
  const issues = checkMergedRule(rule);
  if (issues.length > 0) throw invalidField(issues[0]!);
  if (newWebhook) {
    const refusal = await checkWebhookAddress(newWebhook.url, getAlertSettings().allowPrivateWebhooks);
    if (refusal) throw new AppError('bad_request', refusal);
  }
}

export function ruleNotFound(): AppError {
  return new AppError('not_found', { code: 'alert_not_found', message: 'There is no alert rule with this id.' });
}

/** A rule as the API shows it; never its webhook secret. */
export function toAlertJson(rule: AlertRule) {
  return {
    id: rule.id,
    name: rule.name,
    metric: rule.metric,
    window: rule.window,
    comparator: rule.comparator,
    threshold: rule.threshold,
    after: rule.after,
    weekdays: rule.weekdays,
    paused: rule.paused,
    emails: rule.emails,
    webhook: rule.webhook,
    locale: rule.locale,
    remind_every_hours: rule.remindEveryHours,
    state: rule.status.state,
    value: rule.status.value,
    checked_at: rule.status.checkedAt === null ? null : new Date(rule.status.checkedAt).toISOString(),
    updated_at: rule.updatedAt,
    updated_by: rule.updatedBy,
  };
}

export function toEventJson(event: AlertEvent) {
  return {
    at: event.at,
    kind: event.kind,
    state: event.state,
    value: event.value,
    threshold: event.threshold,
    changed_by: event.changedBy,
    changes: event.changes,
    deliveries: event.deliveries.map((delivery) => ({
      channel: delivery.channel,
      status: delivery.status,
      ...(delivery.target ? { to: delivery.target } : {}),
    })),
  };
}
