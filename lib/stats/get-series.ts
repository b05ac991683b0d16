import 'server-only';
import { todayIn } from '../date-range';
import { toBuckets } from '../trends/buckets';
import type { StatsView } from '../view/stats-view';
import type { CallbackSeries, SeriesPoint } from './series';
import { getCallbackStats, type StatsRequest } from './get-callback-stats';

/**
 * A view's trend: one Talkover stats call per bucket, each through the same cache (a bucket and
 * the same range opened directly share an entry), single-flight, gate and budget as the totals,
 * at series priority: buckets queue for their own slots and spend the budget only while 40%
 * of the minute's (half of two minutes') is left for the figures people are looking at.
 * Buckets that cannot be had now are reported missing, never an error page; ones Talkover
 * failed on fall back to stale figures like the totals do.
 */
export async function getCallbackSeries(view: StatsView, request: StatsRequest, now: Date = new Date()): Promise<CallbackSeries> {
  const { range } = view;
  const buckets = toBuckets(range, view.interval, { weekStart: view.weekStart, today: todayIn(range.timeZone, now) });
  const settled = await Promise.allSettled(
    buckets.map((bucket) =>
      getCallbackStats({ start: bucket.start, end: bucket.end, timeZone: range.timeZone }, { ...request, priority: 'series' }),
    ),
  );
  const points: SeriesPoint[] = buckets.map((bucket, index) => {
    const result = settled[index]!;
    return { bucket, stats: result.status === 'fulfilled' ? result.value : null };
  });
  const loaded = points.flatMap(({ stats }) => (stats ? [stats] : []));
  const fetchedAt = loaded.map((stats) => stats.fetchedAt).sort()[0] ?? null;
  return {
    period: { start: range.start, end: range.end, timeZone: range.timeZone },
    interval: view.interval,
    weekStart: view.weekStart,
    points,
    missing: points.filter(({ stats }) => !stats).map(({ bucket }) => bucket),
    fetchedAt,
    stale: loaded.some((stats) => stats.source.cache === 'stale'),
    firstError: settled.find((result) => result.status === 'rejected')?.reason ?? null,
  };
}
