import { useTranslations } from 'next-intl';
import { formatCount, formatPercent } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';

type Kpi = { key: string; label: string; value: string; hint: string };

export function KpiCards({ stats, locale }: { stats: CallbackStats; locale: string }) {
  const t = useTranslations('Kpi');
  const { totals, rates } = stats;
  const count = (value: number) => formatCount(value, locale);
  const kpis: Kpi[] = [
    { key: 'received', label: t('received'), value: count(totals.received), hint: t('receivedHint') },
    { key: 'answered', label: t('answered'), value: count(totals.answered), hint: t('answeredHint') },
    { key: 'answer-rate', label: t('answerRate'), value: formatPercent(rates.answerRate, locale), hint: t('answerRateHint') },
    { key: 'unmatched', label: t('unmatched'), value: count(totals.unmatched), hint: t('unmatchedHint') },
    { key: 'unmatched-rate', label: t('unmatchedRate'), value: formatPercent(rates.unmatchedRate, locale), hint: t('unmatchedRateHint') },
    { key: 'not-answered', label: t('notAnswered'), value: count(totals.notAnswered), hint: t('notAnsweredHint') },
  ];
  return (
    <dl className="kpis">
      {kpis.map((kpi) => (
        <div key={kpi.key} className="card kpi">
          <dt>{kpi.label}</dt>
          <dd className="kpi-value">{kpi.value}</dd>
          <dd className="kpi-hint muted">{kpi.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
