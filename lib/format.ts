/**
 * Number, percent and date formatting in the viewer's locale. One module, so a KPI card, the
 * table and the chart's tooltip always print a figure the same way.
 */
import { cachedFormatter, cachedText } from './intl-cache';

export const NO_VALUE = '—';

export function formatCount(value: number, locale: string): string {
  return cachedFormatter(`count|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

/** A 0..1 fraction with one decimal ("77.2%"); null (0 of 0) is a dash, never NaN. */
export function formatPercent(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return cachedFormatter(
    `percent|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  ).format(value);
}

/** A calendar day (YYYY-MM-DD) as "1 Nov 2026" in the viewer's language, without a timezone shift. */
export function formatDay(isoDate: string, locale: string): string {
  return cachedText(`day|${locale}|${isoDate}`, () =>
    cachedFormatter(
      `day|${locale}`,
      () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
    ).format(new Date(`${isoDate}T00:00:00Z`)),
  );
}

export function formatDayRange(start: string, end: string, locale: string): string {
  return start === end ? formatDay(start, locale) : `${formatDay(start, locale)} – ${formatDay(end, locale)}`;
}

/** A moment as a clock time ("14:03", "02:03 PM") in the app's timezone: when figures were fetched. */
export function formatTime(isoDateTime: string, locale: string, timeZone: string): string {
  return cachedFormatter(
    `time|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }),
  ).format(new Date(isoDateTime));
}

/** A moment as date and time ("2 Dec 2026, 14:03") in the app's timezone: for fetches before today. */
export function formatDateTime(isoDateTime: string, locale: string, timeZone: string): string {
  return cachedFormatter(
    `datetime|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(new Date(isoDateTime));
}

/** A relative change with its sign and one decimal ("+5.2%", "−100.0%"); 0 shows as "0.0%". */
export function formatSignedPercent(fraction: number, locale: string): string {
  return cachedFormatter(
    `signed-percent|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
  ).format(fraction);
}

/** A change of a rate in percentage points with its sign ("+1.3"); the unit is the catalog's ("pp", "p.p."). */
export function formatSignedPoints(points: number, locale: string): string {
  return cachedFormatter(
    `signed-points|${locale}`,
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
  ).format(points);
}

/** A magnitude without sign, for words that carry the direction ("up 5.2%"). */
export function formatPercentMagnitude(fraction: number, locale: string): string {
  return formatPercent(Math.abs(fraction), locale);
}

/** Two calendar days as compactly as the language allows ("2–31 Oct 2026", "2 Oct – 1 Nov 2026"). */
export function formatDaySpan(start: string, end: string, locale: string): string {
  return cachedText(`span|${locale}|${start}|${end}`, () => formatDaySpanNow(start, end, locale));
}

function formatDaySpanNow(start: string, end: string, locale: string): string {
  const formatter = cachedFormatter(
    `day|${locale}`,
    () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  );
  if (start === end) return formatter.format(new Date(`${start}T00:00:00Z`));
  return formatter.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));
}

/** A trend bucket's short label: "3 Nov" for days and weeks (their first day), "Nov 2026" for months. */
export function formatBucketLabel(start: string, interval: 'day' | 'week' | 'month', locale: string): string {
  return cachedText(`bucket|${locale}|${interval}|${start}`, () => formatBucketLabelNow(start, interval, locale));
}

function formatBucketLabelNow(start: string, interval: 'day' | 'week' | 'month', locale: string): string {
  const date = new Date(`${start}T00:00:00Z`);
  if (interval === 'month') {
    return cachedFormatter(
      `month|${locale}`,
      () => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    ).format(date);
  }
  return cachedFormatter(
    `day-month|${locale}`,
    () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  ).format(date);
}
