import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { formatCount, formatPercent } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import { FIGURES } from '@/lib/stats/figures';
import { toCountChangeView, toRateChangeView, type ChangeView, type SayChange } from '@/lib/trends/change-view';
import { KpiChange } from './kpi-change';

type Kpi = { key: string; label: string; value: string; hint: string; change: ChangeView | null };

/** The six figures of the range, each with its change against the earlier period when there is one. */
export function KpiCards({ stats, earlier }: { stats: CallbackStats; earlier: CallbackStats | null }) {
  const locale = useLocale();
  const t = useTranslations('Kpi');
  const tChange = useTranslations('Change');
  const say: SayChange = (key, values) => tChange(key, values);
  const kpis: Kpi[] = FIGURES.map((figure) => ({
    key: figure.key,
    label: t(figure.key),
    value: figure.kind === 'count' ? formatCount(figure.read(stats), locale) : formatPercent(figure.read(stats), locale),
    hint: t(`${figure.key}Hint`),
    change: !earlier
      ? null
      : figure.kind === 'count'
        ? toCountChangeView(figure.read(stats), figure.read(earlier), figure.polarity, locale, say)
        : toRateChangeView(figure.read(stats), figure.read(earlier), figure.polarity, locale, say),
  }));
  return (
    <dl className="kpis">
      {kpis.map((kpi) => (
        <div key={kpi.key} className="card kpi">
          <dt>{kpi.label}</dt>
          <dd className="kpi-value">{kpi.value}</dd>
          {kpi.change ? <KpiChange change={kpi.change} /> : null}
          <dd className="kpi-hint muted">{kpi.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
