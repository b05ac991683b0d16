import { useTranslations } from 'next-intl';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import type { DateRange } from '@/lib/date-range';
import { formatTime } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import { EmptyState } from './empty-state';
import { ErrorPanel } from './error-panel';
import { KpiCards } from './kpi-cards';
import { SourceBreakdown } from './source-breakdown';
import { StaleNotice } from './stale-notice';

/**
 * Fetches the range's figures on the server and renders them. A Talkover failure becomes an
 * error panel inside the page (with the date form still above it), never Next's error page.
 */
export async function StatsSection({ range, locale, requester }: { range: DateRange; locale: string; requester: string }) {
  let stats: CallbackStats;
  try {
    stats = await getCallbackStats(range, { requester });
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const staleNotice =
    stats.source.cache === 'stale' ? (
      <StaleNotice fetchedAt={stats.fetchedAt} locale={locale} timeZone={range.timeZone} />
    ) : null;
  if (stats.totals.received === 0) {
    return (
      <>
        {staleNotice}
        <EmptyState range={range} locale={locale} />
      </>
    );
  }
  return (
    <div className="stats">
      {staleNotice}
      <KpiCards stats={stats} locale={locale} />
      <SourceBreakdown stats={stats} locale={locale} />
      <FetchedAt fetchedAt={stats.fetchedAt} locale={locale} timeZone={range.timeZone} />
    </div>
  );
}

/** When Talkover gave these figures, in the app's timezone. */
function FetchedAt({ fetchedAt, locale, timeZone }: { fetchedAt: string; locale: string; timeZone: string }) {
  const t = useTranslations('FetchedAt');
  return <p className="muted fetched-at">{t('note', { time: formatTime(fetchedAt, locale, timeZone), timeZone })}</p>;
}
