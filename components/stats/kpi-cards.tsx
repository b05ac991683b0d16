import { formatCount, formatPercent } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';

type Kpi = { label: string; value: string; hint: string };

export function KpiCards({ stats, locale }: { stats: CallbackStats; locale: string }) {
  const { totals, rates } = stats;
  const count = (value: number) => formatCount(value, locale);
  const kpis: Kpi[] = [
    { label: 'Received', value: count(totals.received), hint: 'Callbacks routed to callback agents' },
    { label: 'Answered', value: count(totals.answered), hint: 'Connected to a callback agent' },
    { label: 'Answer rate', value: formatPercent(rates.answerRate, locale), hint: 'Answered of received' },
    { label: 'Unmatched', value: count(totals.unmatched), hint: 'No recent outbound call matched the caller' },
    { label: 'Unmatched rate', value: formatPercent(rates.unmatchedRate, locale), hint: 'Unmatched of received' },
    { label: 'Not answered', value: count(totals.notAnswered), hint: 'Received but not answered' },
  ];
  return (
    <dl className="kpis">
      {kpis.map((kpi) => (
        <div key={kpi.label} className="card kpi">
          <dt>{kpi.label}</dt>
          <dd className="kpi-value">{kpi.value}</dd>
          <dd className="kpi-hint muted">{kpi.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
