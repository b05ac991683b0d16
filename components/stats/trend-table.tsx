import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { DataTable } from '@/components/ui/data-table';
import { formatCount, formatDaySpan, formatPercent, NO_VALUE } from '@/lib/format';
import { bucketAnswerRate, type CallbackSeries } from '@/lib/stats/series';

/** Every bucket of the chart as a table row: the chart's accessible (and copyable) version. */
export function TrendTable({ series }: { series: CallbackSeries }) {
  const locale = useLocale();
  const t = useTranslations('Trend');
  const columns = [
    { key: 'period', header: t('period') },
    { key: 'received', header: t('received'), numeric: true },
    { key: 'answered', header: t('answered'), numeric: true },
    { key: 'answer-rate', header: t('answerRate'), numeric: true },
    { key: 'note', header: t('note') },
  ];
  const rows = series.points.map(({ bucket, stats }) => ({
    key: bucket.start,
    className: stats ? undefined : 'not-loaded',
    header: formatDaySpan(bucket.start, bucket.end, locale),
    cells: [
      stats ? formatCount(stats.totals.received, locale) : NO_VALUE,
      stats ? formatCount(stats.totals.answered, locale) : NO_VALUE,
      stats ? formatPercent(bucketAnswerRate(stats), locale) : NO_VALUE,
      stats ? (bucket.partial ? t('partial') : '') : t('notLoaded'),
    ],
  }));
  return (
    <details className="trend-details">
      <summary>{t('tableSummary')}</summary>
      <DataTable className="trend-table" caption={t('tableCaption', { interval: series.interval })} columns={columns} rows={rows} />
    </details>
  );
}
