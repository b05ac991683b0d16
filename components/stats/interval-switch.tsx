import Link from 'next/link';
import { allowedIntervals, INTERVALS } from '@/lib/trends/interval';
import { INTERVAL_LABELS, TREND_LABELS as T } from '@/lib/trends/labels';
import { toViewQuery, viewQueryParts, type StatsView } from '@/lib/trends/view';

/** Day, week or month: links (the URL is the state); intervals too fine for the range are shown disabled. */
export function IntervalSwitch({ view }: { view: StatsView }) {
  const allowed = allowedIntervals(view.range.days);
  return (
    <nav className="segmented" aria-label={T.intervalGroup}>
      {INTERVALS.map((interval) =>
        allowed.includes(interval) ? (
          <Link
            key={interval}
            href={`/?${toViewQuery({ ...viewQueryParts(view), interval })}`}
            className="segment"
            aria-current={view.interval === interval ? 'true' : undefined}
            prefetch={false}
          >
            {INTERVAL_LABELS[interval]}
          </Link>
        ) : (
          <span key={interval} className="segment segment-disabled" aria-disabled="true" title={T.tooFine(interval)}>
            {INTERVAL_LABELS[interval]}
          </span>
        ),
      )}
    </nav>
  );
}
