import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { todayIn } from '@/lib/date-range';
import { formatDateTime, formatTime } from '@/lib/format';
import { RetryButton } from './retry-button';
import { Card } from '@/components/ui/card';

/**
 * Shown above figures served from the cache because Talkover failed: the figures are real but
 * old, and the viewer must know since when.
 */
export function StaleNotice({ fetchedAt, timeZone }: { fetchedAt: string; timeZone: string }) {
  const locale = useLocale();
  const t = useTranslations();
  // "Today" in the app's timezone, the one the time is shown in (not the server's).
  const sameDay = todayIn(timeZone, new Date(fetchedAt)) === todayIn(timeZone, new Date());
  const when = sameDay ? formatTime(fetchedAt, locale, timeZone) : formatDateTime(fetchedAt, locale, timeZone);
  return (
    <Card panel tone="warning" className="stale-notice" role="status">
      <p>{t.rich('Stale.notice', { when, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <RetryButton label={t('Errors.tryAgain')} pendingLabel={t('Errors.tryingAgain')} />
    </Card>
  );
}
