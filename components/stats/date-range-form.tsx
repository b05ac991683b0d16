import Form from 'next/form';
import Link from 'next/link';
import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { RANGE_PRESETS, type DateRange } from '@/lib/date-range';
import { formatDayRange } from '@/lib/format';
import { CopyLinkButton } from './copy-link-button';
import { buttonClass } from '@/components/ui/button';

type Props = {
  /** The range shown, or null when the URL's parameters were invalid. */
  range: DateRange | null;
  /** What the visitor typed, kept in the inputs so a mistake can be fixed in place. */
  rawStart: string;
  rawEnd: string;
  /** Today in the app's timezone: the latest day that can be picked. */
  today: string;
  timeZone: string;
  /** The page the form and presets lead to (`/`, or `/callback-agents`): same parameters, same page. */
  basePath?: string;
};

/**
 * The date picker as a GET form (next/form: a plain form without JavaScript, a client-side
 * navigation with it): submitting puts the range in the URL, which is the page's only state.
 * Presets are links that stay relative.
 */
export function DateRangeForm({ range, rawStart, rawEnd, today, timeZone, basePath = '/' }: Props) {
  const locale = useLocale();
  const t = useTranslations('RangeForm');
  const presets = useTranslations('Presets');
  const copy = useTranslations('CopyLink');
  const start = range?.start ?? rawStart;
  const end = range?.end ?? rawEnd;
  return (
    <section className="range-bar" aria-label={t('sectionLabel')}>
      <nav className="presets" aria-label={t('presetsLabel')}>
        {RANGE_PRESETS.map((preset) => (
          <Link
            key={preset}
            href={`${basePath}?range=${preset}`}
            className="preset"
            aria-current={range?.preset === preset ? 'true' : undefined}
            prefetch={false}
          >
            {presets(preset)}
          </Link>
        ))}
      </nav>
      {/* Keyed so the inputs show the new range after a client-side navigation to a preset. */}
      <Form key={`${start}/${end}`} className="range-form" action={basePath}>
        <label>
          <span>{t('from')}</span>
          <input type="date" name="start_date" defaultValue={start} max={today} required />
        </label>
        <label>
          <span>{t('to')}</span>
          <input type="date" name="end_date" defaultValue={end} max={today} required />
        </label>
        <button type="submit" className={buttonClass()}>
          {t('apply')}
        </button>
        <CopyLinkButton words={{ copy: copy('copy'), copied: copy('copied'), announcement: copy('announcement'), prompt: copy('prompt') }} />
      </Form>
      <p className="range-caption muted">
        {range ? (
          <>
            <strong>{formatDayRange(range.start, range.end, locale)}</strong> · {t('days', { count: range.days })} ·{' '}
          </>
        ) : null}
        {t.rich('timeZoneNote', { timeZone, tz: (chunks) => <abbr title={t('timeZoneTitle')}>{chunks}</abbr> })}
      </p>
    </section>
  );
}
