import Link from 'next/link';
import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { LazySourceBarChart } from '@/components/charts/lazy-source-bar-chart';
import { formatCount, formatPercent } from '@/lib/format';
import { overAttributed as toOverAttributed, type CallbackStats } from '@/lib/stats/callback-stats';
import { earlierSourceCounts } from '@/lib/stats/comparison';
import { toChartRows, toSourceRows, type RowLabels, type SourceRow } from '@/lib/stats/source-rows';
import { toCountChangeView, type SayChange } from '@/lib/trends/change-view';
import { TableScroll } from '@/components/ui/table-scroll';
import { KpiChange } from './kpi-change';

/** The callback agents that list each source (from Talkover's routing), or null when it could not be read. */
export type SourceHandlers = Map<string, { id: string; name: string }[]> | null;
type Props = { stats: CallbackStats; earlier: CallbackStats | null; handlers?: SourceHandlers };

/**
 * Received callbacks per source agent: a chart for the eye and a table for everyone (screen
 * readers, copy-paste), with each source's earlier count and change when comparing, so the
 * source that moved stands out. Names are Talkover users' text, rendered as text, never HTML.
 */
export function SourceBreakdown({ stats, earlier, handlers = null }: Props) {
  const locale = useLocale();
  const t = useTranslations('Sources');
  const tChange = useTranslations('Change');
  const say: SayChange = (key, values) => tChange(key, values);
  const labels: RowLabels = {
    unattributed: t('unattributed'),
    unnamed: (id) => t('unnamed', { id }),
    otherSources: (count) => t('otherSources', { count }),
  };
  const rows = withEarlierOnlySources(toSourceRows(stats, labels), stats, earlier, labels);
  const bars = toChartRows(
    rows.filter((row) => row.count > 0),
    labels,
  );
  const overAttributed = toOverAttributed(stats);
  const before = earlier ? earlierSourceCounts(earlier) : null;
  const earlierOf = (row: SourceRow) => (row.kind === 'unattributed' ? (earlier?.attribution.unattributed ?? 0) : (before?.get(row.key) ?? 0));
  return (
    <section className="card breakdown" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('heading')}</h2>
      {bars.length > 0 ? (
        <LazySourceBarChart
          labels={bars.map((row) => row.label)}
          counts={bars.map((row) => row.count)}
          // Whole sentences, translated here, so the chart's script carries no catalog.
          tooltips={bars.map((row) => t('chartTooltip', { count: row.count, share: formatPercent(row.share, locale) }))}
          datasetLabel={t('chartDataset')}
          muted={bars.map((row) => row.kind !== 'source')}
          locale={locale}
        />
      ) : null}
      {/* On a phone the table scrolls sideways under a sticky name column. */}
      <TableScroll label={t('caption')}>
        <table className="source-table">
          <caption className="visually-hidden">{t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sourceColumn')}</th>
              <th scope="col" className="numeric">
                {t('countColumn')}
              </th>
              <th scope="col" className="numeric">
                {t('shareColumn')}
              </th>
              {earlier ? (
                <>
                  <th scope="col" className="numeric">
                    {t('earlierColumn')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('changeColumn')}
                  </th>
                </>
              ) : null}
              {handlers ? <th scope="col">{t('handledByColumn')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.kind === 'unattributed' ? 'unattributed' : undefined}>
                <th scope="row" title={row.kind === 'source' ? row.key : undefined}>
                  {row.label}
                </th>
                <td className="numeric">{formatCount(row.count, locale)}</td>
                <td className="numeric">{formatPercent(row.share, locale)}</td>
                {earlier ? (
                  <>
                    <td className="numeric">{formatCount(earlierOf(row), locale)}</td>
                    <td className="numeric source-change">
                      <KpiChange
                        as="span"
                        change={{
                          ...toCountChangeView(row.count, earlierOf(row), row.kind === 'unattributed' ? 'up-is-bad' : 'up-is-good', locale, say),
                          from: '',
                        }}
                      />
                    </td>
                  </>
                ) : null}
                {handlers ? (
                  <td className="handled-by">
                    {row.kind === 'source' ? <HandledBy handlers={handlers.get(row.key) ?? []} none={t('handledByNone')} /> : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total')}</th>
              <td className="numeric">{formatCount(stats.totals.received, locale)}</td>
              <td className="numeric">{formatPercent(stats.totals.received > 0 ? 1 : null, locale)}</td>
              {earlier ? (
                <>
                  <td className="numeric">{formatCount(earlier.totals.received, locale)}</td>
                  <td className="numeric" />
                </>
              ) : null}
              {handlers ? <td /> : null}
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      {stats.attribution.unattributed > 0 ? <p className="muted note">{t('unattributedNote')}</p> : null}
      {overAttributed > 0 ? <p className="muted note">{t('overAttributed', { count: overAttributed })}</p> : null}
    </section>
  );
}

/** Sources that had callbacks in the earlier period but none now: a drop to zero is news too. */
function withEarlierOnlySources(rows: SourceRow[], stats: CallbackStats, earlier: CallbackStats | null, labels: RowLabels): SourceRow[] {
  if (!earlier) return rows;
  const current = new Set(stats.sources.map((source) => source.id));
  const gone: SourceRow[] = earlier.sources
    .filter((source) => !current.has(source.id) && source.count > 0)
    .map((source) => ({ key: source.id, kind: 'source', label: source.name.trim() || labels.unnamed(source.id), count: 0, share: 0 }));
  const unattributed = rows.filter((row) => row.kind === 'unattributed');
  return [...rows.filter((row) => row.kind !== 'unattributed'), ...gone, ...unattributed];
}

/** Links to the callback agents that list a source; a source none lists says so. */
function HandledBy({ handlers, none }: { handlers: { id: string; name: string }[]; none: string }) {
  if (handlers.length === 0) return <span className="muted">{none}</span>;
  return (
    <>
      {handlers.map((handler, index) => (
        <span key={handler.id}>
          {index > 0 ? ', ' : null}
          <Link href={`/callback-agents/${handler.id}`} prefetch={false}>
            {handler.name || handler.id}
          </Link>
        </span>
      ))}
    </>
  );
}
