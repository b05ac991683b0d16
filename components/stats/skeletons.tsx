import { useTranslations } from '@/i18n/server';
import { TREND_CHART_HEIGHT } from '@/components/charts/trend-chart-props';
import { Skeleton } from '@/components/ui/skeleton';

/** Placeholders of the same shape as the figures, shown while Talkover answers. */
export function KpiCardsSkeleton() {
  return (
    <div className="kpis" aria-hidden="true">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="card kpi">
          <Skeleton width="40%" />
          <Skeleton shape="value" />
          <Skeleton width="55%" />
          <Skeleton width="70%" />
        </div>
      ))}
    </div>
  );
}

export function SourceBreakdownSkeleton() {
  return (
    <div className="card breakdown" aria-hidden="true">
      <Skeleton width="30%" />
      <Skeleton shape="chart" />
    </div>
  );
}

export function StatsSkeleton() {
  const t = useTranslations('Loading');
  return (
    <div className="stats" role="status" aria-live="polite">
      <span className="visually-hidden">{t('stats')}</span>
      <Skeleton width="35%" />
      <KpiCardsSkeleton />
    </div>
  );
}

export function TrendSkeleton() {
  const t = useTranslations('Loading');
  return (
    <div className="card trend" role="status" aria-live="polite">
      <span className="visually-hidden">{t('trend')}</span>
      <Skeleton width="35%" />
      <div className="trend-skeleton-chart">
        <Skeleton shape="block" height={TREND_CHART_HEIGHT} />
      </div>
    </div>
  );
}
