import { z } from 'zod';
import { LOCALES } from '../../i18n/locales';
import { ALERT_COMPARATORS, ALERT_METRICS, ALERT_WINDOWS, DEFAULT_REMIND_EVERY_HOURS, WEBHOOK_FORMATS, WEEKDAYS, isRateMetric } from './rule';
import { isTimeOfDay } from './windows';

/**
 * The JSON contract of /api/alerts: what a rule may be created or changed with. Field names are the
 * issue's and the docs' (docs/alerts.md). A problem names the field it is about, so the form and
 * the API answer "threshold: …" rather than "invalid".
 */
export const MAX_EMAILS = 20;
export const MAX_NAME_LENGTH = 100;
export const MAX_WEBHOOK_URL_LENGTH = 2_000;

const webhookSchema = z.object({
  url: z.string().trim().min(1, { error: 'a webhook needs an address' }).max(MAX_WEBHOOK_URL_LENGTH),
  format: z.enum(WEBHOOK_FORMATS, { error: `must be one of: ${WEBHOOK_FORMATS.join(', ')}` }).default('slack'),
});

const fields = {
  name: z
    .string()
    .trim()
    .min(1, { error: 'a rule needs a name' })
    .max(MAX_NAME_LENGTH, { error: `at most ${MAX_NAME_LENGTH} characters` }),
  metric: z.enum(ALERT_METRICS, { error: `must be one of: ${ALERT_METRICS.join(', ')}` }),
  window: z.enum(ALERT_WINDOWS, { error: `must be one of: ${ALERT_WINDOWS.join(', ')}` }),
  comparator: z.enum(ALERT_COMPARATORS, { error: `must be one of: ${ALERT_COMPARATORS.join(', ')}` }),
  threshold: z.number({ error: 'must be a number' }).finite().nonnegative({ error: 'must be 0 or more' }),
  after: z.string().refine(isTimeOfDay, { error: 'must be a time of day as HH:MM (e.g. 11:00)' }).nullable().optional(),
  weekdays: z
    .array(z.enum(WEEKDAYS, { error: `each must be one of: ${WEEKDAYS.join(', ')}` }))
    .max(7)
    .refine((days) => new Set(days).size === days.length, { error: 'a day is listed twice' })
    .nullable()
    .optional(),
  paused: z.boolean({ error: 'must be true or false' }),
  emails: z.array(z.email({ error: 'each must be an email address' }).max(254)).max(MAX_EMAILS, { error: `at most ${MAX_EMAILS} addresses` }),
  webhook: webhookSchema.nullable(),
  locale: z.enum(LOCALES, { error: `must be one of: ${LOCALES.join(', ')}` }),
  remind_every_hours: z
    .number({ error: 'must be a number of hours, or null for never' })
    .int({ error: 'must be a whole number of hours' })
    .min(1, { error: 'must be at least 1' })
    .max(24 * 7, { error: 'must be at most 168 (a week)' })
    .nullable(),
};

export const createAlertSchema = z
  .strictObject({
    name: fields.name,
    metric: fields.metric,
    window: fields.window,
    comparator: fields.comparator,
    threshold: fields.threshold,
    after: fields.after,
    weekdays: fields.weekdays,
    paused: fields.paused.default(false),
    emails: fields.emails.default([]),
    webhook: fields.webhook.default(null),
    locale: fields.locale.optional(),
    remind_every_hours: fields.remind_every_hours.default(DEFAULT_REMIND_EVERY_HOURS),
  })
  .superRefine(checkRule);

export const patchAlertSchema = z.strictObject({
  name: fields.name.optional(),
  metric: fields.metric.optional(),
  window: fields.window.optional(),
  comparator: fields.comparator.optional(),
  threshold: fields.threshold.optional(),
  after: fields.after,
  weekdays: fields.weekdays,
  paused: fields.paused.optional(),
  emails: fields.emails.optional(),
  webhook: fields.webhook.optional(),
  locale: fields.locale.optional(),
  remind_every_hours: fields.remind_every_hours.optional(),
});

export type CreateAlertInput = z.infer<typeof createAlertSchema>;
export type PatchAlertInput = z.infer<typeof patchAlertSchema>;
export type AlertRuleInput = Omit<CreateAlertInput, 'locale'> & { locale: (typeof LOCALES)[number] };

type RuleShape = Pick<CreateAlertInput, 'metric' | 'threshold' | 'emails' | 'webhook'>;

/** Rules across fields: a rate threshold is a fraction, and a rule has somewhere to notify. */
export function checkRule(rule: RuleShape, context: z.RefinementCtx): void {
  if (isRateMetric(rule.metric) && rule.threshold > 1) {
    context.addIssue({ code: 'custom', path: ['threshold'], message: 'a rate is a fraction from 0 to 1 (0.8 is 80%)' });
  }
  if (rule.emails.length === 0 && rule.webhook === null) {
    context.addIssue({ code: 'custom', path: ['emails'], message: 'give at least one email address or a webhook' });
  }
}

/** The whole rule once a patch is applied, checked as a new rule would be. */
export function checkMergedRule(rule: RuleShape): z.core.$ZodIssue[] {
  const result = z.custom<RuleShape>().superRefine(checkRule).safeParse(rule);
  return result.success ? [] : result.error.issues;
}

/** "threshold: must be a number": the first problem, named by its field. */
export function describeIssue(issue: { path: readonly PropertyKey[]; message: string; code?: string; keys?: string[] }): {
  field: string;
  message: string;
} {
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return { field: issue.keys[0] as string, message: `${issue.keys[0]}: is not a field of an alert rule` };
  }
  const field = issue.path.filter((part) => typeof part === 'string').join('.') || 'body';
  return { field, message: `${field}: ${issue.message}` };
}
