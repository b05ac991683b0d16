/**
 * A stats view is everything the URL says: the range, the comparison and the trend's interval.
 * Pure, `now` injected, like lib/date-range.ts which it builds on; the page, the JSON routes and
 * the CSV export all parse with it, so they accept and refuse exactly the same URLs.
 */
import {
  addDays,
  daysInclusive,
  parseDateRange,
  toRangeQuery,
  type DateRange,
  type IsoDate,
  type RangeErrorCode,
  type RangeParams,
} from '../date-range';
import { parseCompare, DEFAULT_COMPARE, type CompareMode } from './comparison-period';
import { parseInterval, type Interval } from './interval';
import type { WeekStart } from '../trends/buckets';

export type StatsView = {
  range: DateRange;
  compare: CompareMode;
  interval: Interval;
  /** false when the interval is the range's default, so links leave it out and it stays adaptive. */
  intervalExplicit: boolean;
  weekStart: WeekStart;
};

export type ViewParams = RangeParams & Partial<Record<'compare' | 'interval', readonly string[]>>;
export const VIEW_KEYS = ['range', 'start_date', 'end_date', 'compare', 'interval'] as const;

export type ViewErrorCode = RangeErrorCode | 'invalid_compare' | 'invalid_interval' | 'interval_too_fine';
/** Like a range error: a stable code, an English message for scripts, and the params the page translates with. */
export type ViewError = { code: ViewErrorCode; message: string; params: Record<string, string | number> };
export type ViewResult =
  | { ok: true; view: StatsView }
  /** `range` is kept when only the comparison or interval was wrong, so the form still shows it. */
  | { ok: false; error: ViewError; range: DateRange | null };

export function parseView(
  params: ViewParams,
  context: { now: Date; timeZone: string; weekStart: WeekStart; defaultCompare?: CompareMode },
): ViewResult {
  const ranged = parseDateRange(params, context);
  if (!ranged.ok) return { ok: false, error: ranged.error, range: null };
  const range = ranged.range;
  const compare = parseCompare(params.compare, context.defaultCompare);
  if (!compare.ok) return { ok: false, error: compare.error, range };
  const interval = parseInterval(params.interval, range.days);
  if (!interval.ok) return { ok: false, error: interval.error, range };
  return {
    ok: true,
    view: { range, compare: compare.compare, interval: interval.interval, intervalExplicit: interval.explicit, weekStart: context.weekStart },
  };
}

type QueryParts = { range: Pick<DateRange, 'start' | 'end' | 'preset'>; compare: CompareMode; interval: Interval | null };

/** The query string that reproduces a view, defaults left out so links stay short and adaptive. */
export function toViewQuery(parts: QueryParts): string {
  const query = [toRangeQuery(parts.range)];
  if (parts.compare !== DEFAULT_COMPARE) query.push(`compare=${parts.compare}`);
  if (parts.interval) query.push(`interval=${parts.interval}`);
  return query.join('&');
}

/** The parts of a view's own query, for links that change one of them. */
export function viewQueryParts(view: StatsView): QueryParts {
  return { range: view.range, compare: view.compare, interval: view.intervalExplicit ? view.interval : null };
}

/**
 * The fixed dates of the same length just before or after a range ("← Previous period"), or null
 * when the next one would end after today.
 */
export function steppedRange(range: { start: IsoDate; end: IsoDate }, step: -1 | 1, today: IsoDate): { start: IsoDate; end: IsoDate } | null {
  const days = daysInclusive(range.start, range.end);
  const start = addDays(range.start, step * days);
  const end = addDays(range.end, step * days);
  return end > today ? null : { start, end };
}
