/**
 * The period a range is compared with. Pure, with no clock: the earlier period always ends
 * before the range starts, so it never reaches into the future.
 */
import { addDays, daysInclusive, type IsoDate } from '../date-range';

export const COMPARE_MODES = ['previous', 'year', 'off'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];
export const DEFAULT_COMPARE: CompareMode = 'previous';

export type DayRange = { start: IsoDate; end: IsoDate };

export type CompareResult =
  | { ok: true; compare: CompareMode }
  | { ok: false; error: { code: 'repeated_param' | 'invalid_compare'; message: string; params: Record<string, string> } };

export function isCompareMode(value: string): value is CompareMode {
  return (COMPARE_MODES as readonly string[]).includes(value);
}

/** Reads `compare`; absent or empty means `fallback` (the previous period on the page). */
export function parseCompare(values: readonly string[] | undefined, fallback: CompareMode = DEFAULT_COMPARE): CompareResult {
  if ((values?.length ?? 0) > 1)
    return { ok: false, error: { code: 'repeated_param', message: 'compare was given more than once.', params: { param: 'compare' } } };
  const raw = values?.[0]?.trim() ?? '';
  if (raw === '') return { ok: true, compare: fallback };
  if (isCompareMode(raw)) return { ok: true, compare: raw };
  const cut = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
  const shown = JSON.stringify(cut);
  return {
    ok: false,
    error: {
      code: 'invalid_compare',
      message: `Unknown comparison ${shown}. Use one of: ${COMPARE_MODES.join(', ')}.`,
      params: { value: cut, modes: COMPARE_MODES.join(', ') },
    },
  };
}

/** The same number of days immediately before the range. */
export function previousPeriod(range: DayRange): DayRange {
  const days = daysInclusive(range.start, range.end);
  return { start: addDays(range.start, -days), end: addDays(range.start, -1) };
}

/** The same day a year earlier; 29 February becomes 28 February (there is no other choice). */
export function yearEarlier(date: IsoDate): IsoDate {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

/** The same dates a year earlier. */
export function yearEarlierPeriod(range: DayRange): DayRange {
  return { start: yearEarlier(range.start), end: yearEarlier(range.end) };
}

/** The period to compare with, or null when comparison is off. */
export function comparisonPeriod(range: DayRange, mode: CompareMode): DayRange | null {
  if (mode === 'previous') return previousPeriod(range);
  if (mode === 'year') return yearEarlierPeriod(range);
  return null;
}
