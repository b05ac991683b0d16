import Link from 'next/link';
import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import type { DateRange } from '@/lib/date-range';
import { formatDayRange } from '@/lib/format';
import { Card } from '@/components/ui/card';

export function EmptyState({ range }: { range: DateRange }) {
  const locale = useLocale();
  const t = useTranslations('EmptyState');
  return (
    <Card panel aria-labelledby="empty-title">
      <h2 id="empty-title">{t('title')}</h2>
      <p className="muted">
        {t('body', { period: formatDayRange(range.start, range.end, locale) })}
        {range.days < 90 ? <> {t.rich('tryLonger', { link: (chunks) => <Link href="/?range=90d">{chunks}</Link> })}</> : null}
      </p>
    </Card>
  );
}
