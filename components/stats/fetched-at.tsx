import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { formatTime } from '@/lib/format';

/** When Talkover gave these figures, in the app's timezone. */
export function FetchedAt({ fetchedAt, timeZone }: { fetchedAt: string; timeZone: string }) {
  const locale = useLocale();
  const t = useTranslations('FetchedAt');
  return <p className="muted fetched-at">{t('note', { time: formatTime(fetchedAt, locale, timeZone), timeZone })}</p>;
}
