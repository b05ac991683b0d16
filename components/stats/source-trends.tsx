import { formatCount } from '@/lib/format';
import { toSourceTrends, type CallbackSeries } from '@/lib/stats/series';
import { TREND_LABELS as T } from '@/lib/trends/labels';
import { Sparkline } from './sparkline';

/**
 * Each source agent over time as a sparkline, largest first, the rest folded into one row: ten
 * sources stay readable where ten lines in one chart would not. Drawn on the server as SVG, so
 * it costs no script; each line's figures are in its label for screen readers.
 */
export function SourceTrends({ series, names, locale }: { series: CallbackSeries; names: Map<string, string>; locale: string }) {
  const trends = toSourceTrends(series, names);
  if (trends.length === 0) return null;
  const peak = Math.max(1, ...trends.flatMap((trend) => trend.counts.map((count) => count ?? 0)));
  const shown = (count: number | null | undefined) => (count === null || count === undefined ? '—' : formatCount(count, locale));
  return (
    <div className="source-trends">
      <h3>{T.sourcesHeading}</h3>
      <table className="source-trend-table">
        <caption className="visually-hidden">{T.sourcesCaption(series.interval)}</caption>
        <thead>
          <tr>
            <th scope="col">{T.sourceColumn}</th>
            <th scope="col">{T.trendColumn}</th>
            <th scope="col" className="numeric">{T.totalColumn}</th>
          </tr>
        </thead>
        <tbody>
          {trends.map((trend) => {
            const counts = trend.counts;
            const ownPeak = Math.max(0, ...counts.map((count) => count ?? 0));
            const label = T.sparkline(trend.label, shown(counts[0]), shown(counts.at(-1)), formatCount(ownPeak, locale), series.interval);
            return (
              <tr key={trend.key}>
                <th scope="row">{trend.label}</th>
                <td>
                  <Sparkline values={counts} max={peak} label={label} />
                </td>
                <td className="numeric">{formatCount(trend.total, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
