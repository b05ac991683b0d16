import Link from 'next/link';
import { Fragment } from 'react';
import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { LazyTrendChart } from '@/components/charts/lazy-trend-chart';
import { getThresholdLines, type ThresholdLine } from '@/lib/alerts/chart-lines';
import { formatBucketLabel, formatDaySpan, formatPercent } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { getCallbackSeries } from '@/lib/stats/get-series';
import { bucketAnswerRate, bucketsDisagreeBy, sumOfBuckets, type CallbackSeries } from '@/lib/stats/series';
import { toViewQuery, viewQueryParts, type StatsView } from '@/lib/view/stats-view';
import { IntervalSwitch } from './interval-switch';
import { SourceTrends } from './source-trends';
import { TrendTable } from './trend-table';
import { memberCaller } from '@/lib/talkover';

type Props = { view: StatsView; requester: string };

/**
 * The trend: received and answered per bucket with the answer rate, a table of the same, and
 * each source over time. One cached call per bucket at series priority, so it may come after
 * the KPIs, and may be partial: then it says how much is loaded and offers to load the rest.
 * Active answer-rate alert rules draw their thresholds on the chart and are named under it.
 */
export async function TrendSection({ view, requester }: Props) {
  let series: CallbackSeries;
  let stats: CallbackStats;
  const lines = getThresholdLines();
  try {
    [series, stats] = await Promise.all([
      getCallbackSeries(view, { caller: memberCaller(requester) }),
      getCallbackStats(view.range, { caller: memberCaller(requester) }),
    ]);
  } catch {
    return null; // the totals failed: the KPI section above says why
  }
  if (stats.totals.received === 0) return null;
  return <TrendPanel view={view} series={series} stats={stats} lines={await lines} />;
}

type PanelProps = { view: StatsView; series: CallbackSeries; stats: CallbackStats; lines: ThresholdLine[] };

function TrendPanel({ view, series, stats, lines }: PanelProps) {
  const locale = useLocale();
  const t = useTranslations('Trend');
  const { interval } = view;
  const points = series.points;
  const rate = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
  const loaded = points.length - series.missing.length;
  const disagreement = bucketsDisagreeBy(series, stats.totals.received);
  const names = new Map(stats.sources.map((source) => [source.id, source.name]));
  return (
    <section className="card trend" aria-labelledby="trend-heading">
      <div className="trend-header">
        <h2 id="trend-heading">{t('heading', { interval })}</h2>
        <IntervalSwitch view={view} />
      </div>
      {series.missing.length > 0 ? (
        <p className="trend-partial" role="status">
          {t('incomplete', { loaded, total: points.length, interval })}{' '}
          <Link href={`/?${toViewQuery(viewQueryParts(view))}`} prefetch={false}>
            {t('loadRest')}
          </Link>
        </p>
      ) : null}
      <LazyTrendChart
        labels={points.map(({ bucket }) => formatBucketLabel(bucket.start, interval, locale))}
        titles={points.map(({ bucket }) => formatDaySpan(bucket.start, bucket.end, locale))}
        received={points.map(({ stats: figures }) => figures?.totals.received ?? null)}
        answered={points.map(({ stats: figures }) => figures?.totals.answered ?? null)}
        answerRate={points.map(({ stats: figures }) => rate(bucketAnswerRate(figures)))}
        partial={points.map(({ bucket }) => bucket.partial)}
        // Translated here, so the chart's script carries no catalog.
        words={{ received: t('received'), answered: t('answered'), answerRate: t('chartAnswerRate') }}
        thresholds={lines.map((line) => ({
          value: line.threshold * 100,
          label: t('alertLine', { name: line.name, comparator: line.comparator, threshold: formatPercent(line.threshold, locale) }),
        }))}
        locale={locale}
      />
      {lines.length > 0 ? (
        <p className="muted note alert-lines">
          {t('alertLinesNote', { count: lines.length })}{' '}
          {lines.map((line, index) => (
            <Fragment key={line.ruleId}>
              {index > 0 ? '; ' : null}
              <Link href={`/alerts/${line.ruleId}`} prefetch={false} className="alert-line-name">
                {line.name}
              </Link>{' '}
              {t('alertLineCondition', { comparator: line.comparator, threshold: formatPercent(line.threshold, locale) })}
            </Fragment>
          ))}
        </p>
      ) : null}
      {points.some(({ bucket }) => bucket.partial) ? <p className="muted note">{t('partialLegend')}</p> : null}
      {series.stale ? <p className="muted note">{t('staleBuckets')}</p> : null}
      {disagreement ? (
        <p className="muted note sums-note">
          {t('sumsDisagree', { sum: sumOfBuckets(series).received, total: stats.totals.received, interval })}
        </p>
      ) : null}
      <TrendTable series={series} />
      <SourceTrends series={series} names={names} />
    </section>
  );
}
