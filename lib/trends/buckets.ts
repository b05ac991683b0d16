/**
 * Cuts a range into the buckets of a trend: days, weeks (starting on APP_WEEK_START) or calendar
 * months, clipped to the range. Pure and clock-free: "today" is passed in.
 *
 * A bucket is partial when it does not cover its whole day, week or month: clipped by the
 * range's ends, or still running (it contains today).
 */
import { addDays, parseIsoDate, type IsoDate } from '../date-range';
import type { Interval } from '../view/interval';

export const WEEK_STARTS = ['monday', 'sunday'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

export type Bucket = { start: IsoDate; end: IsoDate; partial: boolean };

/** The first day of the week `date` falls in. */
export function startOfWeek(date: IsoDate, weekStart: WeekStart): IsoDate {
  const weekday = new Date(parseIsoDate(date) as number).getUTCDay(); // 0 = Sunday
  const sinceStart = weekStart === 'sunday' ? weekday : (weekday + 6) % 7;
  return addDays(date, -sinceStart);
}

export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01`;
}

/** The last day of the month `date` falls in (28, 29, 30 or 31). */
export function endOfMonth(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${date.slice(0, 8)}${String(lastDay).padStart(2, '0')}`;
}

/** The whole day, week or month that `date` falls in, unclipped. */
function naturalBucket(date: IsoDate, interval: Interval, weekStart: WeekStart): { start: IsoDate; end: IsoDate } {
  if (interval === 'day') return { start: date, end: date };
  if (interval === 'week') {
    const start = startOfWeek(date, weekStart);
    return { start, end: addDays(start, 6) };
  }
  return { start: startOfMonth(date), end: endOfMonth(date) };
}

/** The buckets of `range` in order; together they cover every day of it exactly once. */
export function toBuckets(
  range: { start: IsoDate; end: IsoDate },
  interval: Interval,
  context: { weekStart: WeekStart; today: IsoDate },
): Bucket[] {
  const buckets: Bucket[] = [];
  for (let cursor = range.start; cursor <= range.end;) {
    const natural = naturalBucket(cursor, interval, context.weekStart);
    const start = cursor;
    const end = natural.end < range.end ? natural.end : range.end;
    const clipped = start !== natural.start || end !== natural.end;
    const running = start <= context.today && context.today <= end;
    buckets.push({ start, end, partial: clipped || running });
    cursor = addDays(end, 1);
  }
  return buckets;
}
