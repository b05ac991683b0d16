import { useTranslations } from 'next-intl';
import { TREND_CHART_HEIGHT } from '@/components/charts/trend-chart-props';

/** Placeholders of the same shape as the figures, shown while Talkover answers. */
export function KpiCardsSkeleton() {
  return (
    <div className="kpis" aria-hidden="true">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="card kpi">
          <div className="skeleton skeleton-line" style={{ width: '40%' }} />
          <div className="skeleton skeleton-value" />
          <div className="skeleton skeleton-line" style={{ width: '55%' }} />
          <div className="skeleton skeleton-line" style={{ width: '70%' }} />
        </div>
      ))}
    </div>
  );
}

export function SourceBreakdownSkeleton() {
  return (
    <div className="card breakdown" aria-hidden="true">
      <div className="skeleton skeleton-line" style={{ width: '30%' }} />
      <div className="skeleton skeleton-chart" />
    </div>
  );
}

export function StatsSkeleton() {
  const t = useTranslations('Loading');
  return (
    <div className="stats" role="status" aria-live="polite">
      <span className="visually-hidden">{t('stats')}</span>
      <div className="skeleton skeleton-line" style={{ width: '35%' }} aria-hidden="true" />
      <KpiCardsSkeleton />
    </div>
  );
}

export function TrendSkeleton() {
  const t = useTranslations('Loading');
  return (
    <div className="card trend" role="status" aria-live="polite">
      <span className="visually-hidden">{t('trend')}</span>
      <div className="skeleton skeleton-line" style={{ width: '35%' }} aria-hidden="true" />
      <div className="skeleton" style={{ height: `${TREND_CHART_HEIGHT}px`, marginTop: '0.75rem' }} aria-hidden="true" />
    </div>
  );
}
