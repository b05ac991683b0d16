import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { TableScroll } from '@/components/ui/table-scroll';
import { formatCount, NO_VALUE } from '@/lib/format';
import { toSourceTrends, type CallbackSeries } from '@/lib/stats/series';
import { Sparkline } from './sparkline';

/**
 * Each source agent over time as a sparkline, largest first, the rest folded into one row: ten
 * sources stay readable where ten lines in one chart would not. Drawn on the server as SVG, so
 * it costs no script; each line's figures are in its label for screen readers.
 */
export function SourceTrends({ series, names }: { series: CallbackSeries; names: Map<string, string> }) {
  const locale = useLocale();
  const t = useTranslations('Trend');
  const tSources = useTranslations('Sources');
  const trends = toSourceTrends(series, names, {
    unnamed: (id) => tSources('unnamed', { id }),
    otherSources: (count) => tSources('otherSources', { count }),
  });
  if (trends.length === 0) return null;
  const peak = Math.max(1, ...trends.flatMap((trend) => trend.counts.map((count) => count ?? 0)));
  const shown = (count: number | null | undefined) => (count === null || count === undefined ? NO_VALUE : formatCount(count, locale));
  return (
    <div className="source-trends">
      <h3>{t('sourcesHeading')}</h3>
      <TableScroll label={t('sourcesCaption', { interval: series.interval })}>
        <table className="source-trend-table">
          <caption className="visually-hidden">{t('sourcesCaption', { interval: series.interval })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sourceColumn')}</th>
              <th scope="col">{t('trendColumn')}</th>
              <th scope="col" className="numeric">
                {t('totalColumn')}
              </th>
            </tr>
          </thead>
          <tbody>
            {trends.map((trend) => {
              const counts = trend.counts;
              const ownPeak = Math.max(0, ...counts.map((count) => count ?? 0));
              const label = t('sparkline', {
                name: trend.label,
                first: shown(counts[0]),
                last: shown(counts.at(-1)),
                peak: formatCount(ownPeak, locale),
                interval: series.interval,
              });
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
      </TableScroll>
    </div>
  );
}
