import { formatCount, formatPercent } from '@/lib/format';
import type { CallbackStats } from '@/lib/stats/callback-stats';
import type { Polarity } from '@/lib/trends/change';
import { toCountChangeView, toRateChangeView, type ChangeView } from '@/lib/trends/change-view';
import { KpiChange } from './kpi-change';

type Kpi = { label: string; value: string; hint: string; change: ChangeView | null };

/** The six figures of the range, each with its change against the earlier period when there is one. */
export function KpiCards({ stats, earlier, locale }: { stats: CallbackStats; earlier: CallbackStats | null; locale: string }) {
  const { totals, rates } = stats;
  const count = (value: number) => formatCount(value, locale);
  const countChange = (pick: (s: CallbackStats) => number, polarity: Polarity) =>
    earlier ? toCountChangeView(pick(stats), pick(earlier), polarity, locale) : null;
  const rateChange = (pick: (s: CallbackStats) => number | null, polarity: Polarity) =>
    earlier ? toRateChangeView(pick(stats), pick(earlier), polarity, locale) : null;
  const kpis: Kpi[] = [
    { label: 'Received', value: count(totals.received), hint: 'Callbacks routed to callback agents', change: countChange((s) => s.totals.received, 'up-is-good') },
    { label: 'Answered', value: count(totals.answered), hint: 'Connected to a callback agent', change: countChange((s) => s.totals.answered, 'up-is-good') },
    { label: 'Answer rate', value: formatPercent(rates.answerRate, locale), hint: 'Answered of received', change: rateChange((s) => s.rates.answerRate, 'up-is-good') },
    { label: 'Unmatched', value: count(totals.unmatched), hint: 'No recent outbound call matched the caller', change: countChange((s) => s.totals.unmatched, 'up-is-bad') },
    { label: 'Unmatched rate', value: formatPercent(rates.unmatchedRate, locale), hint: 'Unmatched of received', change: rateChange((s) => s.rates.unmatchedRate, 'up-is-bad') },
    { label: 'Not answered', value: count(totals.notAnswered), hint: 'Received but not answered', change: countChange((s) => s.totals.notAnswered, 'up-is-bad') },
  ];
  return (
    <dl className="kpis">
      {kpis.map((kpi) => (
        <div key={kpi.label} className="card kpi">
          <dt>{kpi.label}</dt>
          <dd className="kpi-value">{kpi.value}</dd>
          {kpi.change ? <KpiChange change={kpi.change} /> : null}
          <dd className="kpi-hint muted">{kpi.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
