import { useTranslations } from 'next-intl';

/** Placeholders of the same shape as the figures, shown while Talkover answers. */
export function KpiCardsSkeleton() {
  return (
    <div className="kpis" aria-hidden="true">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="card kpi">
          <div className="skeleton skeleton-line" style={{ width: '40%' }} />
          <div className="skeleton skeleton-value" />
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
      <KpiCardsSkeleton />
      <SourceBreakdownSkeleton />
    </div>
  );
}
