import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { daysInclusive } from '@/lib/date-range';
import { formatDaySpan } from '@/lib/format';
import type { Comparison } from '@/lib/stats/comparison';

/** Which period the changes are against ("vs 2–31 Oct 2026 (the previous 30 days)"), and whether it failed. */
export function ComparisonCaption({ comparison }: { comparison: Comparison }) {
  const locale = useLocale();
  const t = useTranslations('Change');
  const { start, end } = comparison.period;
  return (
    <p className="comparison-caption muted">
      {t('caption', { span: formatDaySpan(start, end, locale), mode: comparison.mode, days: daysInclusive(start, end) })}
      {comparison.error ? <> · {t('failed')}</> : null}
    </p>
  );
}
