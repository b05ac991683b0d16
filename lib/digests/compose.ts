import 'server-only';
import { render } from '@react-email/render';
import { createElement } from 'react';
import { daysInclusive, type IsoDate } from '../date-range';
import { formatCount, formatDaySpan, formatPercent } from '../format';
import type { OutgoingMail } from '../mail';
import { getAuthSettings } from '../settings/auth';
import { FIGURES } from '../stats/figures';
import { earlierSourceCounts } from '../stats/comparison';
import { toCountChangeView, toRateChangeView, type ChangeView } from '../trends/change-view';
import { DigestEmail } from './email';
import type { DigestModel } from './model';
import { getDigestFigures, type DigestFigures } from './figures';
import type { Subscription } from './store';
import { createUnsubscribeToken } from './unsubscribe-token';
import { translatorFor } from '../../i18n/server';

export { FiguresUnavailableError } from './figures';
export type { DigestModel } from './model';

export const TOP_SOURCES = 5;

/** The digest email for a subscription and period: fresh figures or FiguresUnavailableError. */
export async function composeDigestEmail(
  subscription: Subscription,
  period: { start: IsoDate; end: IsoDate },
  timeZone: string,
): Promise<OutgoingMail> {
  const figures = await getDigestFigures(period, timeZone);
  const publicUrl = getAuthSettings().publicUrl;
  const model = toDigestModel(subscription, period, timeZone, figures, publicUrl);
  const unsubscribeApi = new URL('/api/digests/unsubscribe', publicUrl);
  unsubscribeApi.searchParams.set('token', createUnsubscribeToken(subscription.id));
  return {
    to: subscription.member_email,
    subject: model.subject,
    html: await render(createElement(DigestEmail, { model })),
    text: toDigestText(model),
    // RFC 8058: mail clients offer one-click unsubscribe, POSTing List-Unsubscribe=One-Click here.
    headers: { 'List-Unsubscribe': `<${unsubscribeApi.href}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

export function toDigestModel(
  subscription: Pick<Subscription, 'id' | 'cadence' | 'locale'>,
  period: { start: IsoDate; end: IsoDate },
  timeZone: string,
  { current, earlier, compared }: DigestFigures,
  publicUrl: URL,
): DigestModel {
  const { locale, cadence } = subscription;
  const t = translatorFor(locale, 'Digest');
  const kpi = translatorFor(locale, 'Kpi');
  const say = translatorFor(locale, 'Change');
  const span = formatDaySpan(period.start, period.end, locale);
  const received = current.totals.received;
  const subject =
    received === 0
      ? t('subjectNoCalls', { span })
      : t('subject', {
          span,
          answered: formatCount(current.totals.answered, locale),
          received: formatCount(received, locale),
          rate: formatPercent(current.rates.answerRate, locale),
        });
  const figures = FIGURES.map((figure) => {
    const value = figure.read(current);
    const before = figure.read(earlier);
    const change =
      figure.kind === 'count'
        ? toCountChangeView(value as number, before as number, figure.polarity, locale, say)
        : toRateChangeView(value, before, figure.polarity, locale, say);
    return {
      key: figure.key,
      label: kpi(figure.key),
      value: figure.kind === 'count' ? formatCount(value as number, locale) : formatPercent(value, locale),
      change,
    };
  });
  const earlierCounts = earlierSourceCounts(earlier);
  const sources = current.sources.slice(0, TOP_SOURCES).map((source) => ({
    name: source.name,
    count: formatCount(source.count, locale),
    change: toCountChangeView(source.count, earlierCounts.get(source.id) ?? 0, 'up-is-good', locale, say),
  }));
  const dashboard = new URL('/', publicUrl);
  dashboard.searchParams.set('start_date', period.start);
  dashboard.searchParams.set('end_date', period.end);
  const unsubscribe = new URL('/digests/unsubscribe', publicUrl);
  unsubscribe.searchParams.set('token', createUnsubscribeToken(subscription.id));
  return {
    locale,
    cadence,
    subject,
    preview: t('preview', { cadence }),
    heading: t('heading', { cadence }),
    period: t('period', { span, timeZone }),
    compared: t('compared', { span: formatDaySpan(compared.start, compared.end, locale), days: daysInclusive(compared.start, compared.end) }),
    labels: {
      figure: t('figure'),
      value: t('value'),
      change: t('change'),
      topSources: t('topSources'),
      source: t('source'),
      count: t('count'),
      noSources: t('noSources'),
    },
    figures,
    sources,
    dashboard: { url: dashboard.href, label: t('openDashboard') },
    footer: t('footer', { cadence }),
    unsubscribe: { url: unsubscribe.href, label: t('unsubscribe') },
  };
}

const changeText = (change: ChangeView) => [change.shown, change.from].filter(Boolean).join(' ');

/** The plain-text part: the same model, one figure a line. */
export function toDigestText(model: DigestModel): string {
  const lines = [
    model.heading,
    model.period,
    '',
    ...model.figures.map((f) => `${f.label}: ${f.value} (${changeText(f.change)})`),
    '',
    model.compared,
    '',
  ];
  lines.push(model.labels.topSources);
  if (model.sources.length === 0) lines.push(model.labels.noSources);
  for (const source of model.sources) lines.push(`- ${source.name}: ${source.count} (${changeText(source.change)})`);
  lines.push('', `${model.dashboard.label}: ${model.dashboard.url}`, '', model.footer, `${model.unsubscribe.label}: ${model.unsubscribe.url}`);
  return lines.join('\n') + '\n';
}
