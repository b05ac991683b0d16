import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { allowedIntervals, INTERVALS } from '@/lib/view/interval';
import { toViewQuery, viewQueryParts, type StatsView } from '@/lib/view/stats-view';

/** Day, week or month: links (the URL is the state); intervals too fine for the range are shown disabled. */
export function IntervalSwitch({ view }: { view: StatsView }) {
  const t = useTranslations('Trend');
  const allowed = allowedIntervals(view.range.days);
  return (
    <nav className="segmented" aria-label={t('intervalGroup')}>
      {INTERVALS.map((interval) =>
        allowed.includes(interval) ? (
          <Link
            key={interval}
            href={`/?${toViewQuery({ ...viewQueryParts(view), interval })}`}
            className="segment"
            aria-current={view.interval === interval ? 'true' : undefined}
            prefetch={false}
          >
            {t(interval)}
          </Link>
        ) : (
          <span key={interval} className="segment segment-disabled" aria-disabled="true" title={t('tooFine', { interval })}>
            {t(interval)}
          </span>
        ),
      )}
    </nav>
  );
}
