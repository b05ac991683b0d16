import { useTranslations } from 'next-intl';
import { formatCount, formatDaySpan, formatPercent, NO_VALUE } from '@/lib/format';
import { bucketAnswerRate, type CallbackSeries } from '@/lib/stats/series';

/** Every bucket of the chart as a table row: the chart's accessible (and copyable) version. */
export function TrendTable({ series, locale }: { series: CallbackSeries; locale: string }) {
  const t = useTranslations('Trend');
  return (
    <details className="trend-details">
      <summary>{t('tableSummary')}</summary>
      <table className="trend-table">
        <caption className="visually-hidden">{t('tableCaption', { interval: series.interval })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('period')}</th>
            <th scope="col" className="numeric">
              {t('received')}
            </th>
            <th scope="col" className="numeric">
              {t('answered')}
            </th>
            <th scope="col" className="numeric">
              {t('answerRate')}
            </th>
            <th scope="col">{t('note')}</th>
          </tr>
        </thead>
        <tbody>
          {series.points.map(({ bucket, stats }) => (
            <tr key={bucket.start} className={stats ? undefined : 'not-loaded'}>
              <th scope="row">{formatDaySpan(bucket.start, bucket.end, locale)}</th>
              <td className="numeric">{stats ? formatCount(stats.totals.received, locale) : NO_VALUE}</td>
              <td className="numeric">{stats ? formatCount(stats.totals.answered, locale) : NO_VALUE}</td>
              <td className="numeric">{stats ? formatPercent(bucketAnswerRate(stats), locale) : NO_VALUE}</td>
              <td>{stats ? (bucket.partial ? t('partial') : '') : t('notLoaded')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
