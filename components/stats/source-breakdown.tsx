import { LazySourceBarChart } from '@/components/charts/lazy-source-bar-chart';
import { formatCount, formatPercent } from '@/lib/format';
import { overAttributed as toOverAttributed, type CallbackStats } from '@/lib/stats/callback-stats';
import { earlierSourceCounts } from '@/lib/stats/comparison';
import { toChartRows, toSourceRows, type SourceRow } from '@/lib/stats/source-rows';
import { toCountChangeView } from '@/lib/trends/change-view';
import { KpiChange } from './kpi-change';

type Props = { stats: CallbackStats; earlier: CallbackStats | null; locale: string };

/**
 * Received callbacks per source agent: a chart for the eye and a table for everyone (screen
 * readers, copy-paste), with each source's earlier count and change when comparing, so the
 * source that moved stands out. Names are Talkover users' text, rendered as text, never HTML.
 */
export function SourceBreakdown({ stats, earlier, locale }: Props) {
  const rows = withEarlierOnlySources(toSourceRows(stats), stats, earlier);
  const bars = toChartRows(rows.filter((row) => row.count > 0));
  const overAttributed = toOverAttributed(stats);
  const before = earlier ? earlierSourceCounts(earlier) : null;
  const earlierOf = (row: SourceRow) =>
    row.kind === 'unattributed' ? (earlier?.attribution.unattributed ?? 0) : (before?.get(row.key) ?? 0);
  return (
    <section className="card breakdown" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Received by source agent</h2>
      {bars.length > 0 ? (
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
            {earlier ? (
              <>
                <th scope="col" className="numeric">Earlier</th>
                <th scope="col" className="numeric">Change</th>
              </>
            ) : null}
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
                    <KpiChange as="span" change={{ ...toCountChangeView(row.count, earlierOf(row), row.kind === 'unattributed' ? 'up-is-bad' : 'up-is-good', locale), from: '' }} />
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total received</th>
            <td className="numeric">{formatCount(stats.totals.received, locale)}</td>
            <td className="numeric">{formatPercent(stats.totals.received > 0 ? 1 : null, locale)}</td>
            {earlier ? (
              <>
                <td className="numeric">{formatCount(earlier.totals.received, locale)}</td>
                <td className="numeric" />
              </>
            ) : null}
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

/** Sources that had callbacks in the earlier period but none now: a drop to zero is news too. */
function withEarlierOnlySources(rows: SourceRow[], stats: CallbackStats, earlier: CallbackStats | null): SourceRow[] {
  if (!earlier) return rows;
  const current = new Set(stats.sources.map((source) => source.id));
  const gone: SourceRow[] = earlier.sources
    .filter((source) => !current.has(source.id) && source.count > 0)
    .map((source) => ({ key: source.id, kind: 'source', label: source.name.trim() || `Unnamed agent (${source.id})`, count: 0, share: 0 }));
  const unattributed = rows.filter((row) => row.kind === 'unattributed');
  return [...rows.filter((row) => row.kind !== 'unattributed'), ...gone, ...unattributed];
}
