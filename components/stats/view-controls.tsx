import Link from 'next/link';
import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { formatDaySpan } from '@/lib/format';
import { COMPARE_MODES, type CompareMode } from '@/lib/view/comparison-period';
import { steppedRange, toViewQuery, viewQueryParts, type StatsView } from '@/lib/view/stats-view';
import { PeriodKeys } from './period-keys';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { buttonClass } from '@/components/ui/button';

/** The catalog key of each comparison's name ("previous" alone would be the step link's key). */
const COMPARE_KEYS = { previous: 'previousMode', year: 'year', off: 'off' } as const satisfies Record<CompareMode, string>;

/**
 * Beside the range: step to the previous or next period (fixed dates of the same length; no
 * "next" past today), pick what to compare with, and download the view as CSV. All links, so
 * the URL stays the whole state; ← and → do the same as the step links.
 */
export function ViewControls({ view, today }: { view: StatsView; today: string }) {
  const locale = useLocale();
  const t = useTranslations('ViewControls');
  const parts = viewQueryParts(view);
  const previous = steppedRange(view.range, -1, today)!;
  const next = steppedRange(view.range, 1, today);
  const hrefOf = (range: { start: string; end: string }) => `/?${toViewQuery({ ...parts, range: { ...range, preset: null } })}`;
  const previousHref = hrefOf(previous);
  const nextHref = next ? hrefOf(next) : null;
  return (
    <section className="view-controls" aria-label={t('label')}>
      <nav className="period-steps" aria-label={t('stepGroup')}>
        <Link
          href={previousHref}
          className={buttonClass({ variant: 'secondary' })}
          rel="prev"
          aria-keyshortcuts="ArrowLeft"
          aria-label={t('previousName', { span: formatDaySpan(previous.start, previous.end, locale) })}
          prefetch={false}
        >
          {t('previous')}
        </Link>
        {next && nextHref ? (
          <Link
            href={nextHref}
            className={buttonClass({ variant: 'secondary' })}
            rel="next"
            aria-keyshortcuts="ArrowRight"
            aria-label={t('nextName', { span: formatDaySpan(next.start, next.end, locale) })}
            prefetch={false}
          >
            {t('next')}
          </Link>
        ) : (
          <span className={buttonClass({ variant: 'secondary', disabled: true })} aria-disabled="true" title={t('nextDisabled')}>
            {t('next')}
          </span>
        )}
        <span className="muted keys-hint">{t('keysHint')}</span>
      </nav>
      <SegmentedControl
        label={t('compareGroup')}
        caption={t('compareGroup')}
        segments={COMPARE_MODES.map((mode) => ({
          key: mode,
          label: t(COMPARE_KEYS[mode]),
          href: `/?${toViewQuery({ ...parts, compare: mode })}`,
          current: view.compare === mode,
        }))}
      />
      {/* A plain link: the browser downloads what the route answers (Content-Disposition). */}
      <a className={buttonClass({ variant: 'secondary', className: 'download-csv' })} href={`/api/stats/export?${toViewQuery(parts)}`} download>
        {t('download')}
      </a>
      <PeriodKeys previousHref={previousHref} nextHref={nextHref} />
    </section>
  );
}
