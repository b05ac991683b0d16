/**
 * A range's trend: its buckets, each with its own figures from Talkover or none yet (rate limit,
 * upstream failure). Pure shaping for the chart, the tables, the JSON and the CSV.
 */
import type { RowLabels } from './source-rows';
import type { Bucket, WeekStart } from '../trends/buckets';
import type { Interval } from '../view/interval';
import { ratio, type CallbackStats } from './callback-stats';

export type SeriesPoint = { bucket: Bucket; stats: CallbackStats | null };

export type CallbackSeries = {
  period: { start: string; end: string; timeZone: string };
  interval: Interval;
  weekStart: WeekStart;
  points: SeriesPoint[];
  missing: Bucket[];
  /** The oldest figures in the series, so "as of" never overstates how fresh it is. */
  fetchedAt: string | null;
  /** Some buckets are the last good figures after a Talkover failure. */
  stale: boolean;
  /** Why a bucket is missing, when every bucket is (so routes can answer with the cause). */
  firstError: unknown;
};

export function isComplete(series: Pick<CallbackSeries, 'missing'>): boolean {
  return series.missing.length === 0;
}

/** Received and answered summed over the loaded buckets. */
export function sumOfBuckets(series: CallbackSeries): { received: number; answered: number } {
  let received = 0;
  let answered = 0;
  for (const { stats } of series.points) {
    received += stats?.totals.received ?? 0;
    answered += stats?.totals.answered ?? 0;
  }
  return { received, answered };
}

/**
 * How far a complete series is from the range's own total (Talkover does not promise its day
 * boundaries add up): 0 when they agree, null while buckets are missing.
 */
export function bucketsDisagreeBy(series: CallbackSeries, rangeTotal: number): number | null {
  if (!isComplete(series)) return null;
  return sumOfBuckets(series).received - rangeTotal;
}

/** `GET /api/stats/series` (snake_case, documented in the README). */
export function toSeriesJson(series: CallbackSeries) {
  return {
    period: { start_date: series.period.start, end_date: series.period.end, timezone: series.period.timeZone },
    interval: series.interval,
    week_start: series.weekStart,
    buckets: series.points.map(({ bucket, stats }) => ({
      start_date: bucket.start,
      end_date: bucket.end,
      partial: bucket.partial,
      totals: stats
        ? {
            received: stats.totals.received,
            answered: stats.totals.answered,
            unmatched: stats.totals.unmatched,
            not_answered: stats.totals.notAnswered,
          }
        : null,
      rates: stats ? { answer_rate: stats.rates.answerRate, unmatched_rate: stats.rates.unmatchedRate } : null,
      sources: stats ? stats.sources.map(({ id, count }) => ({ id, count })) : null,
    })),
    meta: {
      complete: isComplete(series),
      missing: series.missing.map((bucket) => ({ start_date: bucket.start, end_date: bucket.end })),
      fetched_at: series.fetchedAt,
      stale: series.stale,
    },
  };
}

export type SourceTrend = { key: string; label: string; counts: (number | null)[]; total: number };

/**
 * Per-source counts per bucket for the sparklines: the `max` largest sources of the range, the
 * rest folded into one row, so ten sources or fifty stay readable. Missing buckets are null.
 */
export function toSourceTrends(
  series: CallbackSeries,
  names: Map<string, string>,
  labels: Pick<RowLabels, 'unnamed' | 'otherSources'>,
  max = 10,
): SourceTrend[] {
  const totals = new Map<string, number>();
  for (const { stats } of series.points) {
    for (const source of stats?.sources ?? []) totals.set(source.id, (totals.get(source.id) ?? 0) + source.count);
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = ranked.slice(0, max).map(([id]) => id);
  const rest = new Set(ranked.slice(max).map(([id]) => id));
  const countsOf = (pick: (stats: CallbackStats) => number) => series.points.map(({ stats }) => (stats ? pick(stats) : null));
  const rows: SourceTrend[] = top.map((id) => ({
    key: id,
    label: names.get(id)?.trim() || labels.unnamed(id),
    counts: countsOf((stats) => stats.sources.find((source) => source.id === id)?.count ?? 0),
    total: totals.get(id) ?? 0,
  }));
  if (rest.size > 0) {
    rows.push({
      key: 'other',
      label: labels.otherSources(rest.size),
      counts: countsOf((stats) => stats.sources.filter((source) => rest.has(source.id)).reduce((sum, source) => sum + source.count, 0)),
      total: ranked.slice(max).reduce((sum, [, count]) => sum + count, 0),
    });
  }
  return rows;
}

/** The answer rate of a bucket, for the chart's second axis. */
export function bucketAnswerRate(stats: CallbackStats | null): number | null {
  return stats ? ratio(stats.totals.answered, stats.totals.received) : null;
}
