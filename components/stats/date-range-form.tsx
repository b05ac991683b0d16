import Form from 'next/form';
import Link from 'next/link';
import { PRESET_LABELS, RANGE_PRESETS, type DateRange } from '@/lib/date-range';
import { formatDayRange } from '@/lib/format';
import { CopyLinkButton } from './copy-link-button';

type Props = {
  /** The range shown, or null when the URL's parameters were invalid. */
  range: DateRange | null;
  /** What the visitor typed, kept in the inputs so a mistake can be fixed in place. */
  rawStart: string;
  rawEnd: string;
  /** Today in the app's timezone: the latest day that can be picked. */
  today: string;
  timeZone: string;
  locale: string;
};

/**
 * The date picker as a GET form (next/form: a plain form without JavaScript, a client-side
 * navigation with it): submitting puts the range in the URL, which is the page's only state.
 * Presets are links that stay relative.
 */
export function DateRangeForm({ range, rawStart, rawEnd, today, timeZone, locale }: Props) {
  const start = range?.start ?? rawStart;
  const end = range?.end ?? rawEnd;
  return (
    <section className="range-bar" aria-label="Date range">
      <nav className="presets" aria-label="Quick ranges">
        {RANGE_PRESETS.map((preset) => (
          <Link
            key={preset}
            href={`/?range=${preset}`}
            className="preset"
            aria-current={range?.preset === preset ? 'true' : undefined}
            prefetch={false}
          >
            {PRESET_LABELS[preset]}
          </Link>
        ))}
      </nav>
      {/* Keyed so the inputs show the new range after a client-side navigation to a preset. */}
      <Form key={`${start}/${end}`} className="range-form" action="/">
        <label>
          <span>From</span>
          <input type="date" name="start_date" defaultValue={start} max={today} required />
        </label>
        <label>
          <span>To</span>
          <input type="date" name="end_date" defaultValue={end} max={today} required />
        </label>
        <button type="submit" className="button">
          Apply
        </button>
        <CopyLinkButton />
      </Form>
      <p className="range-caption muted">
        {range ? (
          <>
            <strong>{formatDayRange(range.start, range.end, locale)}</strong> · {range.days}{' '}
            {range.days === 1 ? 'day' : 'days'} ·{' '}
          </>
        ) : null}
        Dates are in <abbr title="Set by APP_TIMEZONE">{timeZone}</abbr>
      </p>
    </section>
  );
}
