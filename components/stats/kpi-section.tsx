import type { ReactNode } from 'react';
import { formatDaySpan, formatTime } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import type { Comparison } from '@/lib/stats/comparison';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { getComparison } from '@/lib/stats/get-comparison';
import { daysInclusive } from '@/lib/date-range';
import { CHANGE_WORDS, comparisonCaption } from '@/lib/trends/labels';
import type { StatsView } from '@/lib/trends/view';
import { EmptyState } from './empty-state';
import { ErrorPanel } from './error-panel';
import { KpiCards } from './kpi-cards';
import { StaleNotice } from './stale-notice';

/**
 * The figures people come for, first: the range's totals and the earlier period's, fetched at
 * the same time, at view priority. A Talkover failure is an error panel in the page; a failed
 * comparison only removes the changes.
 */
export async function KpiSection({ view, locale, requester }: { view: StatsView; locale: string; requester: string }) {
  let stats: CallbackStats;
  let comparison: Comparison | null;
  try {
    [stats, comparison] = await Promise.all([getCallbackStats(view.range, { requester }), getComparison(view.range, view.compare, { requester })]);
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const { range } = view;
  const earlier = comparison?.earlier ?? null;
  const staleNotice =
    stats.source.cache === 'stale' ? <StaleNotice fetchedAt={stats.fetchedAt} locale={locale} timeZone={range.timeZone} /> : null;
  if (stats.totals.received === 0 && (earlier?.totals.received ?? 0) === 0) {
    return (
      <>
        {staleNotice}
        <EmptyState range={range} locale={locale} />
      </>
    );
  }
  let caption: ReactNode = null;
  if (comparison) {
    const span = formatDaySpan(comparison.period.start, comparison.period.end, locale);
    caption = (
      <p className="comparison-caption muted">
        {comparisonCaption(comparison.mode, span, daysInclusive(comparison.period.start, comparison.period.end))}
        {comparison.error ? <> · {CHANGE_WORDS.comparisonFailed}</> : null}
      </p>
    );
  }
  return (
    <section className="stats" aria-label="Key figures">
      {staleNotice}
      {caption}
      <KpiCards stats={stats} earlier={earlier} locale={locale} />
      <p className="muted fetched-at">
        Figures from Talkover at {formatTime(stats.fetchedAt, locale, range.timeZone)} ({range.timeZone}).
      </p>
    </section>
  );
}
