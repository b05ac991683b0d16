import { formatTime } from '@/lib/format';
import { RetryButton } from './retry-button';

/**
 * Shown above figures served from the cache because Talkover failed: the figures are real but
 * old, and the viewer must know since when.
 */
export function StaleNotice({ fetchedAt, locale, timeZone }: { fetchedAt: string; locale: string; timeZone: string }) {
  const sameDay = new Date(fetchedAt).toDateString() === new Date().toDateString();
  const when = sameDay
    ? formatTime(fetchedAt, locale, timeZone)
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(fetchedAt));
  return (
    <section className="card panel panel-warning stale-notice" role="status">
      <p>
        <strong>Talkover is unavailable — showing data from {when}.</strong> The figures below may be out of date.
      </p>
      <RetryButton />
    </section>
  );
}
