import { useTranslations } from 'next-intl';
import { formatCount, formatPercent } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import type { Polarity } from '@/lib/trends/change';
import { toCountChangeView, toRateChangeView, type ChangeView, type SayChange } from '@/lib/trends/change-view';
import { KpiChange } from './kpi-change';

type Kpi = { key: string; label: string; value: string; hint: string; change: ChangeView | null };

/** The six figures of the range, each with its change against the earlier period when there is one. */
export function KpiCards({ stats, earlier, locale }: { stats: CallbackStats; earlier: CallbackStats | null; locale: string }) {
  const t = useTranslations('Kpi');
  const tChange = useTranslations('Change');
  const say: SayChange = (key, values) => tChange(key, values);
  const { totals, rates } = stats;
  const count = (value: number) => formatCount(value, locale);
  const countChange = (pick: (s: CallbackStats) => number, polarity: Polarity) =>
    earlier ? toCountChangeView(pick(stats), pick(earlier), polarity, locale, say) : null;
  const rateChange = (pick: (s: CallbackStats) => number | null, polarity: Polarity) =>
    earlier ? toRateChangeView(pick(stats), pick(earlier), polarity, locale, say) : null;
  const kpis: Kpi[] = [
    {
      key: 'received',
      label: t('received'),
      value: count(totals.received),
      hint: t('receivedHint'),
      change: countChange((s) => s.totals.received, 'up-is-good'),
    },
    {
      key: 'answered',
      label: t('answered'),
      value: count(totals.answered),
      hint: t('answeredHint'),
      change: countChange((s) => s.totals.answered, 'up-is-good'),
    },
    {
      key: 'answer-rate',
      label: t('answerRate'),
      value: formatPercent(rates.answerRate, locale),
      hint: t('answerRateHint'),
      change: rateChange((s) => s.rates.answerRate, 'up-is-good'),
    },
    {
      key: 'unmatched',
      label: t('unmatched'),
      value: count(totals.unmatched),
      hint: t('unmatchedHint'),
      change: countChange((s) => s.totals.unmatched, 'up-is-bad'),
    },
    {
      key: 'unmatched-rate',
      label: t('unmatchedRate'),
      value: formatPercent(rates.unmatchedRate, locale),
      hint: t('unmatchedRateHint'),
      change: rateChange((s) => s.rates.unmatchedRate, 'up-is-bad'),
    },
    {
      key: 'not-answered',
      label: t('notAnswered'),
      value: count(totals.notAnswered),
      hint: t('notAnsweredHint'),
      change: countChange((s) => s.totals.notAnswered, 'up-is-bad'),
    },
  ];
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
