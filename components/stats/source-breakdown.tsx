import { LazySourceBarChart } from '@/components/charts/lazy-source-bar-chart';
import { formatCount, formatPercent } from '@/lib/format';
import { toChartRows, toSourceRows } from '@/lib/stats/source-rows';
import { overAttributed as toOverAttributed, type CallbackStats } from '@/lib/stats/callback-stats';

/**
 * Received callbacks per source agent: a chart for the eye and a table for everyone (screen
 * readers, copy-paste). Names are Talkover users' text and are rendered as text, never as HTML.
 */
export function SourceBreakdown({ stats, locale }: { stats: CallbackStats; locale: string }) {
  const rows = toSourceRows(stats);
  const bars = toChartRows(rows);
  const overAttributed = toOverAttributed(stats);
  return (
    <section className="card breakdown" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Received by source agent</h2>
      {rows.length > 0 ? (
        <LazySourceBarChart
          labels={bars.map((row) => row.label)}
          counts={bars.map((row) => row.count)}
          shares={bars.map((row) => formatPercent(row.share, locale))}
          muted={bars.map((row) => row.kind !== 'source')}
          locale={locale}
        />
      ) : null}
      <table className="source-table">
        <caption className="visually-hidden">Callbacks received per source agent, most first</caption>
        <thead>
          <tr>
            <th scope="col">Source agent</th>
            <th scope="col" className="numeric">Callbacks</th>
            <th scope="col" className="numeric">Share</th>
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
            <th scope="row">Total received</th>
            <td className="numeric">{formatCount(stats.totals.received, locale)}</td>
            <td className="numeric">{formatPercent(stats.totals.received > 0 ? 1 : null, locale)}</td>
          </tr>
        </tfoot>
      </table>
      {stats.attribution.unattributed > 0 ? (
        <p className="muted note">
          Unattributed: callbacks Talkover counts as received but attributes to no source agent (unmatched calls,
          for instance).
        </p>
      ) : null}
      {overAttributed > 0 ? (
        <p className="muted note">
          Talkover attributes {formatCount(overAttributed, locale)} more callbacks to source agents than it counts as
          received in this period, so the shares add up to more than 100%.
        </p>
      ) : null}
    </section>
  );
}
