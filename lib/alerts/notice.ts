import type { AppLocale } from '../../i18n/locales';
import { formatCount, formatDateTime, formatPercent } from '../format';
import { isRateMetric, type AlertComparator, type AlertMetric, type AlertState, type AlertWindow } from './rule';
import type { Notice } from './state-machine';
import { translatorFor } from '../../i18n/server';

/**
 * One notification's facts, and the same facts in words (the Slack text, the email's subject
 * and body), in the rule's language.
 */
export type NoticeKind = Notice | 'test';

export type NoticeFacts = {
  alert: { id: string; name: string; metric: AlertMetric; window: AlertWindow; comparator: AlertComparator; threshold: number };
  kind: NoticeKind;
  state: AlertState;
  value: number | null;
  /** When this happened (ISO). */
  at: string;
  /** When the rule turned firing (ISO), for "since …". */
  since: string | null;
  /** The dashboard's view of the window. */
  url: string;
  locale: AppLocale;
  timeZone: string;
};

/** Rates as percentages, counts as whole numbers, in the rule's language. */
export function formatMetricValue(metric: AlertMetric, value: number | null, locale: AppLocale): string {
  if (value === null) return '—';
  return isRateMetric(metric) ? formatPercent(value, locale) : formatCount(value, locale);
}

export function noticeWords(facts: NoticeFacts): { subject: string; lines: string[] } {
  const t = translatorFor(facts.locale, 'AlertNotice');
  const metric = t(`metric.${facts.alert.metric}`);
  const values = {
    name: facts.alert.name,
    metric,
    window: t(`window.${facts.alert.window}`),
    comparator: t(`comparator.${facts.alert.comparator}`),
    threshold: formatMetricValue(facts.alert.metric, facts.alert.threshold, facts.locale),
    value: formatMetricValue(facts.alert.metric, facts.value, facts.locale),
    at: formatDateTime(facts.at, facts.locale, facts.timeZone),
    since: facts.since ? formatDateTime(facts.since, facts.locale, facts.timeZone) : '—',
  };
  const subject = t(`subject.${facts.kind}`, values);
  const lines = [t(`headline.${facts.kind}`, values), t('rule', values), t('value', values)];
  if (facts.kind === 'firing' || facts.kind === 'reminder') lines.push(t('since', values));
  lines.push(t('link', { url: facts.url }));
  return { subject, lines };
}
