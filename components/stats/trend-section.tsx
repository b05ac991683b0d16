import Link from 'next/link';
import { LazyTrendChart } from '@/components/charts/lazy-trend-chart';
import { formatBucketLabel, formatCount, formatDaySpan } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { getCallbackSeries } from '@/lib/stats/get-series';
import { bucketAnswerRate, bucketsDisagreeBy, sumOfBuckets, type CallbackSeries } from '@/lib/stats/series';
import { TREND_LABELS as T } from '@/lib/trends/labels';
import { toViewQuery, viewQueryParts, type StatsView } from '@/lib/trends/view';
import { IntervalSwitch } from './interval-switch';
import { SourceTrends } from './source-trends';
import { TrendTable } from './trend-table';

/**
 * The trend: received and answered per bucket with the answer rate, a table of the same, and
 * each source over time. One cached call per bucket at series priority, so it may come after
 * the KPIs, and may be partial: then it says how much is loaded and offers to load the rest.
 */
export async function TrendSection({ view, locale, requester }: { view: StatsView; locale: string; requester: string }) {
  let series: CallbackSeries;
  let stats: CallbackStats;
  try {
    [series, stats] = await Promise.all([getCallbackSeries(view, { requester }), getCallbackStats(view.range, { requester })]);
  } catch {
    return null; // the totals failed: the KPI section above says why
  }
  if (stats.totals.received === 0) return null;
  const { interval } = view;
  const points = series.points;
  const rate = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
  const loaded = points.length - series.missing.length;
  const disagreement = bucketsDisagreeBy(series, stats.totals.received);
  const names = new Map(stats.sources.map((source) => [source.id, source.name]));
  return (
    <section className="card trend" aria-labelledby="trend-heading">
      <div className="trend-header">
        <h2 id="trend-heading">{T.heading(interval)}</h2>
        <IntervalSwitch view={view} />
      </div>
      {series.missing.length > 0 ? (
        <p className="trend-partial" role="status">
          {T.incomplete(loaded, points.length, interval)}{' '}
          <Link href={`/?${toViewQuery(viewQueryParts(view))}`} prefetch={false}>
            {T.loadRest}
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
        locale={locale}
      />
      {points.some(({ bucket }) => bucket.partial) ? <p className="muted note">{T.partialLegend}</p> : null}
      {series.stale ? <p className="muted note">{T.staleBuckets}</p> : null}
      {disagreement ? (
        <p className="muted note sums-note">
          {T.sumsDisagree(formatCount(sumOfBuckets(series).received, locale), formatCount(stats.totals.received, locale), interval)}
        </p>
      ) : null}
      <TrendTable series={series} locale={locale} />
      <SourceTrends series={series} names={names} locale={locale} />
    </section>
  );
}
