import { useTranslations } from '@/i18n/server';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import type { Comparison } from '@/lib/stats/comparison';
import { getViewFigures } from '@/lib/stats/get-comparison';
import type { StatsView } from '@/lib/view/stats-view';
import { ComparisonCaption } from './comparison-caption';
import { EmptyState } from './empty-state';
import { ErrorPanel } from './error-panel';
import { FetchedAt } from './fetched-at';
import { KpiCards } from './kpi-cards';
import { StaleNotice } from './stale-notice';
import { memberCaller } from '@/lib/talkover';

/**
 * The figures people come for, first: the range's totals and the earlier period's, fetched at
 * the same time, at view priority. A Talkover failure is an error panel in the page; a failed
 * comparison only removes the changes.
 */
export async function KpiSection({ view, requester }: { view: StatsView; requester: string }) {
  let stats: CallbackStats;
  let comparison: Comparison | null;
  try {
    [stats, comparison] = await getViewFigures(view, { caller: memberCaller(requester) });
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  return <KpiFigures view={view} stats={stats} comparison={comparison} />;
}

type FiguresProps = { view: StatsView; stats: CallbackStats; comparison: Comparison | null };

/** The fetched figures with their words (a plain component, so it can ask for translations). */
function KpiFigures({ view: { range }, stats, comparison }: FiguresProps) {
  const t = useTranslations('Kpi');
  const earlier = comparison?.earlier ?? null;
  const staleNotice = stats.source.cache === 'stale' ? <StaleNotice fetchedAt={stats.fetchedAt} timeZone={range.timeZone} /> : null;
  if (stats.totals.received === 0 && (earlier?.totals.received ?? 0) === 0) {
    return (
      <>
        {staleNotice}
        <EmptyState range={range} />
      </>
    );
  }
  return (
    <section className="stats" aria-label={t('sectionLabel')}>
      {staleNotice}
      {comparison ? <ComparisonCaption comparison={comparison} /> : null}
      <KpiCards stats={stats} earlier={earlier} />
      <FetchedAt fetchedAt={stats.fetchedAt} timeZone={range.timeZone} />
    </section>
  );
}
