import Link from 'next/link';
import { COMPARE_MODES } from '@/lib/trends/comparison-period';
import { COMPARE_LABELS, STEP_LABELS as S } from '@/lib/trends/labels';
import { steppedRange, toViewQuery, viewQueryParts, type StatsView } from '@/lib/trends/view';
import { PeriodKeys } from './period-keys';

/**
 * Beside the range: step to the previous or next period (fixed dates of the same length; no
 * "next" past today), pick what to compare with, and download the view as CSV. All links, so
 * the URL stays the whole state; ← and → do the same as the step links.
 */
export function ViewControls({ view, today }: { view: StatsView; today: string }) {
  const parts = viewQueryParts(view);
  const step = (direction: -1 | 1) => {
    const range = steppedRange(view.range, direction, today);
    return range ? `/?${toViewQuery({ ...parts, range: { ...range, preset: null } })}` : null;
  };
  const previousHref = step(-1)!;
  const nextHref = step(1);
  return (
    <section className="view-controls" aria-label="View">
      <nav className="period-steps" aria-label={S.group}>
        <Link href={previousHref} className="button button-secondary" rel="prev" aria-keyshortcuts="ArrowLeft" prefetch={false}>
          {S.previous}
        </Link>
        {nextHref ? (
          <Link href={nextHref} className="button button-secondary" rel="next" aria-keyshortcuts="ArrowRight" prefetch={false}>
            {S.next}
          </Link>
        ) : (
          <span className="button button-secondary button-disabled" aria-disabled="true" title={S.nextDisabled}>
            {S.next}
          </span>
        )}
        <span className="muted keys-hint">{S.keysHint}</span>
      </nav>
      <nav className="segmented" aria-label={S.compareGroup}>
        <span className="segmented-label muted" aria-hidden="true">
          {S.compareGroup}:
        </span>
        {COMPARE_MODES.map((mode) => (
          <Link
            key={mode}
            href={`/?${toViewQuery({ ...parts, compare: mode })}`}
            className="segment"
            aria-current={view.compare === mode ? 'true' : undefined}
            prefetch={false}
          >
            {COMPARE_LABELS[mode]}
          </Link>
        ))}
      </nav>
      {/* A plain link: the browser downloads what the route answers (Content-Disposition). */}
      <a className="button button-secondary download-csv" href={`/api/stats/export?${toViewQuery(parts)}`} download>
        {S.download}
      </a>
      <PeriodKeys previousHref={previousHref} nextHref={nextHref} />
    </section>
  );
}
