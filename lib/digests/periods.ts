/**
 * Which period a digest covers and when it falls due. Pure and clock-free ("now" is passed in).
 * Daily: yesterday; weekly: the last complete week (weeks start on APP_WEEK_START); monthly: the
 * last complete month. Each falls due at DIGEST_SEND_HOUR, in APP_TIMEZONE, on the day after it
 * ends; one that fell due more than 24 h ago is no longer sent (a server down for longer).
 */
import { addDays, todayIn, type IsoDate } from '../date-range';
import { startOfMonth, startOfWeek, type WeekStart } from '../trends/buckets';
import { previousPeriod } from '../view/comparison-period';

export const CADENCES = ['daily', 'weekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const isCadence = (value: unknown): value is Cadence => (CADENCES as readonly unknown[]).includes(value);

export type DigestPeriod = { start: IsoDate; end: IsoDate; dueAt: Date };
export type Schedule = { timeZone: string; weekStart: WeekStart; sendHour: number };

/** Catch-up window: a digest that fell due while the server was down is sent if within this. */
export const CATCH_UP_MS = 24 * 60 * 60 * 1000;

/** The complete period that ends the day before `day` (the day it falls due). */
function periodEndingBefore(cadence: Cadence, day: IsoDate, weekStart: WeekStart): { start: IsoDate; end: IsoDate } {
  if (cadence === 'daily') return { start: addDays(day, -1), end: addDays(day, -1) };
  if (cadence === 'weekly') {
    const thisWeek = startOfWeek(day, weekStart);
    return { start: addDays(thisWeek, -7), end: addDays(thisWeek, -1) };
  }
  const thisMonth = startOfMonth(day);
  return { start: startOfMonth(addDays(thisMonth, -1)), end: addDays(thisMonth, -1) };
}

/** The last complete period as of `now`, and when it fell (or falls) due: what "send now" sends. */
export function lastCompletePeriod(cadence: Cadence, now: Date, schedule: Schedule): DigestPeriod {
  const today = todayIn(schedule.timeZone, now);
  const period = periodEndingBefore(cadence, today, schedule.weekStart);
  return { ...period, dueAt: localTimeToUtc(addDays(period.end, 1), schedule.sendHour, schedule.timeZone) };
}

/** The period whose digest is due at `now` (fell due within the catch-up window), or null. */
export function duePeriod(cadence: Cadence, now: Date, schedule: Schedule): DigestPeriod | null {
  let period = lastCompletePeriod(cadence, now, schedule);
  // Before today's send hour, the latest period due is the one before (yesterday's, for daily).
  if (period.dueAt > now) {
    const yesterday = addDays(todayIn(schedule.timeZone, now), -1);
    const earlier = periodEndingBefore(cadence, yesterday, schedule.weekStart);
    period = { ...earlier, dueAt: localTimeToUtc(addDays(earlier.end, 1), schedule.sendHour, schedule.timeZone) };
  }
  const late = now.getTime() - period.dueAt.getTime();
  return late >= 0 && late < CATCH_UP_MS ? period : null;
}

/** The period the digest compares with: the same number of days just before (as the page does). */
export const comparedPeriod = (period: { start: IsoDate; end: IsoDate }) => previousPeriod(period);

/** The instant a wall-clock hour on a day in `timeZone` is (the first one, across a DST change). */
export function localTimeToUtc(day: IsoDate, hour: number, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date, hour);
  let guess = wall - offsetMs(wall, timeZone);
  // Once more at the guess: the offset there may differ (a DST change between the two).
  guess = wall - offsetMs(guess, timeZone);
  return new Date(guess);
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}
