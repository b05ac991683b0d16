import 'server-only';
import { todayIn, type DateRange, type IsoDate } from '../date-range';
import { getAppTimeZone, getWeekStart } from '../env';
import { viewParamsFromPage, type PageSearchParams } from './search-params';
import { parseView, type ViewResult } from './stats-view';

/** What the date form shows: the range read, or the dates as typed when they could not be. */
export type DateFormState = { range: DateRange | null; rawStart: string; rawEnd: string; today: IsoDate; timeZone: string };

/** A page's view (stats, callback agents, one agent): what its URL asks for, and its date form. */
export type PageView = { result: ViewResult; form: DateFormState };

/**
 * The view a page's URL asks for, read in the app's timezone and week. Throws the AppError of a
 * broken APP_TIMEZONE or APP_WEEK_START, which the page shows as its error panel.
 */
export function readPageView(params: PageSearchParams, now = new Date()): PageView {
  const timeZone = getAppTimeZone();
  const weekStart = getWeekStart();
  const result = parseView(viewParamsFromPage(params), { now, timeZone, weekStart });
  return {
    result,
    form: {
      range: result.ok ? result.view.range : result.range,
      rawStart: firstValue(params.start_date),
      rawEnd: firstValue(params.end_date),
      today: todayIn(timeZone, now),
      timeZone,
    },
  };
}

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
