import { formatCount, formatDaySpan, formatPercent, NO_VALUE } from '@/lib/format';
import { bucketAnswerRate, type CallbackSeries } from '@/lib/stats/series';
import { TREND_LABELS as T } from '@/lib/trends/labels';

/** Every bucket of the chart as a table row: the chart's accessible (and copyable) version. */
export function TrendTable({ series, locale }: { series: CallbackSeries; locale: string }) {
  return (
    <details className="trend-details">
      <summary>{T.tableSummary}</summary>
      <table className="trend-table">
        <caption className="visually-hidden">{T.tableCaption(series.interval)}</caption>
        <thead>
          <tr>
            <th scope="col">{T.period}</th>
            <th scope="col" className="numeric">{T.received}</th>
            <th scope="col" className="numeric">{T.answered}</th>
            <th scope="col" className="numeric">{T.answerRate}</th>
            <th scope="col">{T.note}</th>
          </tr>
        </thead>
        <tbody>
          {series.points.map(({ bucket, stats }) => (
            <tr key={bucket.start} className={stats ? undefined : 'not-loaded'}>
              <th scope="row">{formatDaySpan(bucket.start, bucket.end, locale)}</th>
              <td className="numeric">{stats ? formatCount(stats.totals.received, locale) : NO_VALUE}</td>
              <td className="numeric">{stats ? formatCount(stats.totals.answered, locale) : NO_VALUE}</td>
              <td className="numeric">{stats ? formatPercent(bucketAnswerRate(stats), locale) : NO_VALUE}</td>
              <td>{stats ? (bucket.partial ? T.partial : '') : T.notLoaded}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
