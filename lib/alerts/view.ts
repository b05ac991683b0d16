import 'server-only';
import type { AppLocale } from '../../i18n/locales';
import type { AlertFormValues } from '../../components/alerts/alert-form';
import { thresholdForForm } from './form';
import { formatMetricValue } from './notice';
import type { AlertRule } from './store';
import { translatorFor } from '../../i18n/server';

/** What the Alerts pages show of a rule, in the viewer's language. */
export function describeCondition(rule: Pick<AlertRule, 'metric' | 'window' | 'comparator' | 'threshold'>, locale: AppLocale): string {
  const words = translatorFor(locale, 'AlertNotice');
  const t = translatorFor(locale, 'Alerts');
  return t('condition', {
    metric: words(`metric.${rule.metric}`),
    window: words(`window.${rule.window}`),
    comparator: words(`comparator.${rule.comparator}`),
    threshold: formatMetricValue(rule.metric, rule.threshold, locale),
  });
}

export function formValuesOf(rule: AlertRule): AlertFormValues {
  return {
    id: rule.id,
    name: rule.name,
    metric: rule.metric,
    window: rule.window,
    comparator: rule.comparator,
    threshold: thresholdForForm(rule.metric, rule.threshold),
    after: rule.after ?? '',
    weekdays: rule.weekdays ?? [],
    emails: rule.emails.join('\n'),
    webhookUrl: rule.webhook?.url ?? '',
    webhookFormat: rule.webhook?.format ?? 'slack',
    locale: rule.locale,
    remind: rule.remindEveryHours === null ? 'never' : String(rule.remindEveryHours),
  };
}

/** A new rule's form: "callbacks stopped" as the example, or what was typed before a refusal. */
export function newFormValues(query: URLSearchParams, locale: AppLocale): AlertFormValues {
  const get = (key: string, fallback: string) => query.get(key) ?? fallback;
  return {
    name: get('name', ''),
    metric: get('metric', 'received'),
    window: get('window', 'today'),
    comparator: get('comparator', 'below'),
    threshold: get('threshold', '1'),
    after: get('after', ''),
    weekdays: query.getAll('weekdays'),
    emails: get('emails', ''),
    webhookUrl: '',
    webhookFormat: get('webhook_format', 'slack'),
    locale: get('locale', locale),
    remind: get('remind', '24'),
  };
}

/** A page's searchParams as URLSearchParams, every value kept. */
export function toQuery(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, item);
  }
  return query;
}
