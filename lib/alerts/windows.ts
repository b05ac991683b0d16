import { presetDates, todayIn, type IsoDate } from '../date-range';
import { WEEKDAYS, type AlertCondition, type AlertWindow, type Weekday } from './rule';

/**
 * A rule's window as calendar days in APP_TIMEZONE, and whether a rule is to be checked now.
 * Pure: "now" is always given.
 */
export type WindowRange = { start: IsoDate; end: IsoDate; timeZone: string };

const PRESET_OF: Record<AlertWindow, 'today' | 'yesterday' | '7d'> = {
  today: 'today',
  yesterday: 'yesterday',
  // The dashboard's "Last 7 days": today and the six days before, so the link shows the same figures.
  last_7_days: '7d',
};

export function windowRange(window: AlertWindow, now: Date, timeZone: string): WindowRange {
  return { ...presetDates(PRESET_OF[window], todayIn(timeZone, now)), timeZone };
}

/** The dashboard's query for the window (`range=7d`), relative like the page's presets. */
export function windowQuery(window: AlertWindow): string {
  return `range=${PRESET_OF[window]}`;
}

/** A stable key for a window on a day: rules sharing one are checked with one Talkover read. */
export const windowKey = (range: WindowRange): string => `${range.start}..${range.end}@${range.timeZone}`;

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

/** Minutes since midnight and the weekday of `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): { minutes: number; weekday: Weekday } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const day = new Date(`${todayIn(timeZone, now)}T00:00:00Z`).getUTCDay();
  return { minutes: part('hour') * 60 + part('minute'), weekday: WEEKDAYS[day] as Weekday };
}

/**
 * Whether the rule is checked at `now`: on one of its weekdays (every day when none are chosen),
 * and from its `after` time of day on. Outside those hours the rule keeps its state untouched.
 */
export function isDueForCheck(rule: Pick<AlertCondition, 'after' | 'weekdays'>, now: Date, timeZone: string): boolean {
  const local = localTime(now, timeZone);
  if (rule.weekdays && rule.weekdays.length > 0 && !rule.weekdays.includes(local.weekday)) return false;
  if (!rule.after) return true;
  const match = TIME_OF_DAY.exec(rule.after);
  if (!match) return true;
  return local.minutes >= Number(match[1]) * 60 + Number(match[2]);
}
