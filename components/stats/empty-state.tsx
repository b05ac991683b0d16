import Link from 'next/link';
import type { DateRange } from '@/lib/date-range';
import { formatDayRange } from '@/lib/format';

export function EmptyState({ range, locale }: { range: DateRange; locale: string }) {
  return (
    <section className="card panel" aria-labelledby="empty-title">
      <h2 id="empty-title">No callbacks in this period</h2>
      <p className="muted">
        Talkover recorded no callbacks in {formatDayRange(range.start, range.end, locale)}.
        {range.days < 90 ? (
          <>
            {' '}
            Try a longer range, such as the <Link href="/?range=90d">last 90 days</Link>.
          </>
        ) : null}
      </p>
    </section>
  );
}
