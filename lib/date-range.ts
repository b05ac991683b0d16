/**
 * Date-range rules shared by the page, the route handler and the picker. Pure: no server
 * imports, and "now" is always injected so tests are exact.
 *
 * Dates are calendar days (YYYY-MM-DD), inclusive at both ends like Talkover's API. "Today" is
 * the calendar day in the app's timezone. Day arithmetic runs on UTC midnights, where every day
 * is 24 h long, so DST never shifts a date.
 */
import { cachedFormatter } from './intl-cache';

export type IsoDate = string;

export const RANGE_PRESETS = ['today', 'yesterday', '7d', '30d', '90d', 'mtd', 'last-month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = '30d';
export const MAX_RANGE_DAYS = 366;

export type DateRange = {
  start: IsoDate;
  end: IsoDate;
  /** The preset the range came from; null for explicit dates. Presets stay relative in URLs. */
  preset: RangePreset | null;
  days: number;
  timeZone: string;
};

export type RangeErrorCode =
  | 'repeated_param'
  | 'conflicting_params'
  | 'unknown_range'
  | 'incomplete_range'
  | 'invalid_date'
  | 'reversed_range'
  | 'future_date'
  | 'range_too_long';

/**
 * `message` is the English sentence the JSON API returns (its `code` is the stable contract);
 * pages translate from `code` and `params`, the values each catalog sentence takes.
 */
export type RangeError = { code: RangeErrorCode; message: string; params: Record<string, string | number> };
export type RangeResult = { ok: true; range: DateRange } | { ok: false; error: RangeError };

/** Raw query values by key, every occurrence kept (so a repeated key can be refused). */
export type RangeParams = Partial<Record<'range' | 'start_date' | 'end_date', readonly string[]>>;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    dayFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The parts of a calendar day in `timeZone`; throws for an unknown timezone. */
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  return cachedFormatter(
    `day-parts|${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  );
}

/** The last day worked out per timezone, with the second it was for. */
const lastDays = new Map<string, { second: number; day: IsoDate }>();

/** The calendar day `now` falls on in `timeZone`. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  // Every request asks for today, and formatToParts showed in the warm API's profile (about 1%).
  // UTC offsets are whole seconds, so every instant of one second falls on one day in a zone.
  const second = Math.floor(now.getTime() / 1000);
  const last = lastDays.get(timeZone);
  if (last?.second === second) return last.day;
  const parts = dayFormatter(timeZone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day: IsoDate = `${part('year')}-${part('month')}-${part('day')}`;
  if (lastDays.size < 100 || lastDays.has(timeZone)) lastDays.set(timeZone, { second, day });
  return day;
}

/** Parses a strict YYYY-MM-DD into UTC-midnight milliseconds, or null if it is not a real day. */
export function parseIsoDate(value: string): number | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  // Date.UTC silently rolls 2024-02-30 over to March: reject anything that did not round-trip.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return ms;
}

function toIso(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIso((parseIsoDate(date) as number) + days * DAY_MS);
}

export function daysInclusive(start: IsoDate, end: IsoDate): number {
  return Math.round(((parseIsoDate(end) as number) - (parseIsoDate(start) as number)) / DAY_MS) + 1;
}

export function presetDates(preset: RangePreset, today: IsoDate): { start: IsoDate; end: IsoDate } {
  const firstOfMonth = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'today':
      return { start: today, end: today };
    case 'yesterday':
      return { start: addDays(today, -1), end: addDays(today, -1) };
    case '7d':
      return { start: addDays(today, -6), end: today };
    case '30d':
      return { start: addDays(today, -29), end: today };
    case '90d':
      return { start: addDays(today, -89), end: today };
    case 'mtd':
      return { start: firstOfMonth, end: today };
    case 'last-month': {
      const end = addDays(firstOfMonth, -1);
      return { start: `${end.slice(0, 8)}01`, end };
    }
  }
}

export function isRangePreset(value: string): value is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(value);
}

/** A visitor-supplied value short enough to read in an error message. */
function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function fail(code: RangeErrorCode, message: string, params: RangeError['params'] = {}): RangeResult {
  return { ok: false, error: { code, message, params } };
}

/**
 * Turns query parameters into a date range, or says in plain words what is wrong with them.
 * No parameters means the default preset. Empty values count as absent, because an untouched
 * GET form submits `start_date=&end_date=`.
 */
export function parseDateRange(params: RangeParams, context: { now: Date; timeZone: string }): RangeResult {
  for (const key of ['range', 'start_date', 'end_date'] as const) {
    if ((params[key]?.length ?? 0) > 1) return fail('repeated_param', `${key} was given more than once.`, { param: key });
  }
  const range = params.range?.[0]?.trim() ?? '';
  const startRaw = params.start_date?.[0]?.trim() ?? '';
  const endRaw = params.end_date?.[0]?.trim() ?? '';
  const today = todayIn(context.timeZone, context.now);
  const build = (start: IsoDate, end: IsoDate, preset: RangePreset | null): RangeResult => ({
    ok: true,
    range: { start, end, preset, days: daysInclusive(start, end), timeZone: context.timeZone },
  });

  if (range && (startRaw || endRaw)) {
    return fail('conflicting_params', 'Use either range or start_date and end_date, not both.');
  }
  if (range) {
    if (!isRangePreset(range)) {
      const presets = RANGE_PRESETS.join(', ');
      return fail('unknown_range', `Unknown range ${JSON.stringify(shorten(range))}. Use one of: ${presets}.`, {
        value: shorten(range),
        presets,
      });
    }
    const { start, end } = presetDates(range, today);
    return build(start, end, range);
  }
  if (!startRaw && !endRaw) {
    const { start, end } = presetDates(DEFAULT_PRESET, today);
    return build(start, end, DEFAULT_PRESET);
  }
  if (!startRaw || !endRaw) {
    const missing = startRaw ? 'end' : 'start';
    return fail('incomplete_range', `The ${missing} date is missing: give both a start date and an end date.`, { missing });
  }
  for (const [which, value] of [
    ['start', startRaw],
    ['end', endRaw],
  ] as const) {
    if (parseIsoDate(value) === null) {
      const message = `The ${which} date ${JSON.stringify(shorten(value))} is not a real date in the form YYYY-MM-DD.`;
      return fail('invalid_date', message, { which, value: shorten(value) });
    }
  }
  if (startRaw > endRaw) {
    return fail('reversed_range', `The start date (${startRaw}) is after the end date (${endRaw}).`, { start: startRaw, end: endRaw });
  }
  if (endRaw > today) {
    const message = `The end date (${endRaw}) is in the future: today is ${today} (${context.timeZone}).`;
    return fail('future_date', message, { end: endRaw, today, timeZone: context.timeZone });
  }
  const days = daysInclusive(startRaw, endRaw);
  if (days > MAX_RANGE_DAYS) {
    const message = `The range is ${days} days long; the longest allowed is ${MAX_RANGE_DAYS} days.`;
    return fail('range_too_long', message, { days, max: MAX_RANGE_DAYS });
  }
  return build(startRaw, endRaw, null);
}

/** The query string that reproduces a range: presets stay relative, explicit dates stay fixed. */
export function toRangeQuery(range: Pick<DateRange, 'start' | 'end' | 'preset'>): string {
  return range.preset ? `range=${range.preset}` : `start_date=${range.start}&end_date=${range.end}`;
}

/** A preset's name ("Last 7 days", from the catalog), or the dates of an explicit range; both from the caller. */
export function describeRange(
  range: Pick<DateRange, 'start' | 'end' | 'preset'>,
  describe: { preset: (preset: RangePreset) => string; dates: (start: IsoDate, end: IsoDate) => string },
): string {
  return range.preset ? describe.preset(range.preset) : describe.dates(range.start, range.end);
}
