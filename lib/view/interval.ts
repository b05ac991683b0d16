/**
 * How finely a range is cut into buckets for the trend. Pure, like lib/date-range.ts: the page,
 * the JSON routes and the CSV export apply the same rules.
 */
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * The longest range each interval may cover. Every bucket costs one Talkover call, so a daily
 * series stops at 92 days (a quarter) and a weekly one at the longest range allowed anyway.
 */
export const MAX_DAYS_PER_INTERVAL: Record<Interval, number> = { day: 92, week: 366, month: 366 };

export type IntervalErrorCode = 'repeated_param' | 'invalid_interval' | 'interval_too_fine';
export type IntervalResult =
  | { ok: true; interval: Interval; /** false when the default was picked for the range. */ explicit: boolean }
  | { ok: false; error: { code: IntervalErrorCode; message: string; params: Record<string, string | number> } };

/** The interval a range gets when the URL names none: about 7–31 buckets whatever its length. */
export function defaultInterval(days: number): Interval {
  if (days <= 31) return 'day';
  if (days <= 92) return 'week';
  return 'month';
}

export function isInterval(value: string): value is Interval {
  return (INTERVALS as readonly string[]).includes(value);
}

/** The intervals a range of `days` may use, finest first. */
export function allowedIntervals(days: number): Interval[] {
  return INTERVALS.filter((interval) => days <= MAX_DAYS_PER_INTERVAL[interval]);
}

/** Reads `interval` (every occurrence kept, so a repeat can be refused) for a range of `days`. */
export function parseInterval(values: readonly string[] | undefined, days: number): IntervalResult {
  if ((values?.length ?? 0) > 1) return fail('repeated_param', 'interval was given more than once.', { param: 'interval' });
  const raw = values?.[0]?.trim() ?? '';
  if (raw === '') return { ok: true, interval: defaultInterval(days), explicit: false };
  if (!isInterval(raw)) {
    const cut = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
    const shown = JSON.stringify(cut);
    return fail('invalid_interval', `Unknown interval ${shown}. Use one of: ${INTERVALS.join(', ')}.`, {
      value: cut,
      intervals: INTERVALS.join(', '),
    });
  }
  const max = MAX_DAYS_PER_INTERVAL[raw];
  if (days > max) {
    return fail(
      'interval_too_fine',
      `A ${raw}ly trend covers at most ${max} days; this range is ${days} days. Use ${allowedIntervals(days).join(' or ')}.`,
      // `allowed` stays a list of URL values; the page joins it in the viewer's language.
      { interval: raw, max, days, allowed: allowedIntervals(days).join(',') },
    );
  }
  return { ok: true, interval: raw, explicit: true };
}

function fail(code: IntervalErrorCode, message: string, params: Record<string, string | number>): IntervalResult {
  return { ok: false, error: { code, message, params } };
}
