import type { RangeParams } from './date-range';
import { VIEW_KEYS, type ViewParams } from './trends/view';

/** What Next hands a page: `await searchParams`. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

const RANGE_KEYS = ['range', 'start_date', 'end_date'] as const;

/** Reads the range parameters of a request URL, keeping repeats so they can be refused. */
export function rangeParamsFromUrl(searchParams: URLSearchParams): RangeParams {
  const params: Record<string, string[]> = {};
  for (const key of RANGE_KEYS) {
    const values = searchParams.getAll(key);
    if (values.length > 0) params[key] = values;
  }
  return params;
}

/** Reads the range parameters of a page's `searchParams`, with the same rules as a URL. */
export function rangeParamsFromPage(searchParams: PageSearchParams): RangeParams {
  const params: Record<string, string[]> = {};
  for (const key of RANGE_KEYS) {
    const value = searchParams[key];
    if (value !== undefined) params[key] = Array.isArray(value) ? value : [value];
  }
  return params;
}

/** The page's query string as it was requested, for a sign-in redirect that comes back to it. */
export function toQueryString(searchParams: PageSearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, item);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The view's parameters (range, compare, interval) of a request URL, repeats kept. */
export function viewParamsFromUrl(searchParams: URLSearchParams): ViewParams {
  const params: Record<string, string[]> = {};
  for (const key of VIEW_KEYS) {
    const values = searchParams.getAll(key);
    if (values.length > 0) params[key] = values;
  }
  return params;
}

/** The view's parameters of a page's `searchParams`, with the same rules as a URL. */
export function viewParamsFromPage(searchParams: PageSearchParams): ViewParams {
  const params: Record<string, string[]> = {};
  for (const key of VIEW_KEYS) {
    const value = searchParams[key];
    if (value !== undefined) params[key] = Array.isArray(value) ? value : [value];
  }
  return params;
}
