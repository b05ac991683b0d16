import { useTranslations } from 'next-intl';
import { LazySourceBarChart } from '@/components/charts/lazy-source-bar-chart';
import { formatCount, formatPercent } from '@/lib/format';
import { toChartRows, toSourceRows, type RowLabels } from '@/lib/stats/source-rows';
import { overAttributed as toOverAttributed, type CallbackStats } from '@/lib/stats/callback-stats';

/**
 * Received callbacks per source agent: a chart for the eye and a table for everyone (screen
 * readers, copy-paste). Names are Talkover users' text and are rendered as text, never as HTML.
 */
export function SourceBreakdown({ stats, locale }: { stats: CallbackStats; locale: string }) {
  const t = useTranslations('Sources');
  const labels: RowLabels = {
    unattributed: t('unattributed'),
    unnamed: (id) => t('unnamed', { id }),
    otherSources: (count) => t('otherSources', { count }),
  };
  const rows = toSourceRows(stats, labels);
  const bars = toChartRows(rows, labels);
  const overAttributed = toOverAttributed(stats);
  return (
    <section className="card breakdown" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('heading')}</h2>
      {rows.length > 0 ? (
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
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('total')}</th>
            <td className="numeric">{formatCount(stats.totals.received, locale)}</td>
            <td className="numeric">{formatPercent(stats.totals.received > 0 ? 1 : null, locale)}</td>
          </tr>
        </tfoot>
      </table>
      {stats.attribution.unattributed > 0 ? <p className="muted note">{t('unattributedNote')}</p> : null}
      {overAttributed > 0 ? <p className="muted note">{t('overAttributed', { count: overAttributed })}</p> : null}
    </section>
  );
}
