import { isRateMetric, type AlertMetric } from './rule';

/**
 * The Alerts page's plain HTML form (no JavaScript needed) ↔ the API's fields. Rate thresholds
 * are typed as percentages (80) and stored as fractions (0.8), like the JSON API's rates.
 */
export const FORM_FIELDS = [
  'name',
  'metric',
  'window',
  'comparator',
  'threshold',
  'after',
  'weekdays',
  'emails',
  'webhook_url',
  'webhook_format',
  'locale',
  'remind',
] as const;

export function formToRuleInput(form: URLSearchParams): Record<string, unknown> {
  const text = (key: string) => (form.get(key) ?? '').trim();
  const metric = text('metric');
  const thresholdText = text('threshold').replace(',', '.');
  const threshold = thresholdText === '' ? undefined : Number(thresholdText);
  const webhookUrl = text('webhook_url');
  const remind = text('remind');
  return {
    name: text('name'),
    metric,
    window: text('window'),
    comparator: text('comparator'),
    threshold: threshold !== undefined && Number.isFinite(threshold) && isRateMetric(metric as AlertMetric) ? round(threshold / 100) : threshold,
    after: text('after') || null,
    weekdays: form.getAll('weekdays'),
    emails: text('emails')
      .split(/[\s,;]+/)
      .filter(Boolean),
    webhook: webhookUrl ? { url: webhookUrl, format: text('webhook_format') || 'slack' } : null,
    locale: text('locale'),
    remind_every_hours: remind === 'never' ? null : Number(remind || '24'),
  };
}

/** The threshold as the form shows it: a percentage for rates. */
export function thresholdForForm(metric: AlertMetric, threshold: number): string {
  return String(isRateMetric(metric) ? round(threshold * 100) : threshold);
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The form's values to carry back to it after a refusal (never the webhook address: it may hold a token). */
export function formValuesForRetry(form: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const key of FORM_FIELDS) {
    if (key === 'webhook_url') continue;
    for (const value of form.getAll(key)) kept.append(key, value.slice(0, 500));
  }
  return kept;
}
