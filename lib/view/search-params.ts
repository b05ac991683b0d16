import { VIEW_KEYS, type ViewParams } from './stats-view';

/** What Next hands a page: `await searchParams`. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

/** A page's `searchParams` as the URL had them, repeats kept in order. */
function toSearchParams(searchParams: PageSearchParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, item);
  }
  return query;
}

/** The page's query string as it was requested, for a sign-in redirect that comes back to it. */
export function toQueryString(searchParams: PageSearchParams): string {
  const text = toSearchParams(searchParams).toString();
  return text ? `?${text}` : '';
}

/**
 * The view's parameters (range, compare, interval) of a request URL, repeats kept so they can be
 * refused. Also what parseDateRange reads: it looks at the range keys only.
 */
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
  return viewParamsFromUrl(toSearchParams(searchParams));
}
