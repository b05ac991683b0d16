import 'server-only';
import { getAppTimeZone, getWeekStart } from '../env';
import { AppError } from '../errors';
import { viewParamsFromUrl } from './search-params';
import type { CompareMode } from './comparison-period';
import { parseView, type StatsView } from './stats-view';

/**
 * The view a JSON or CSV request asks for, or a 400 with the rule's stable code. `defaultCompare`
 * is what an absent `compare` means: the page's `previous` for the CSV, `off` for /api/stats.
 */
export function parseViewQuery(url: URL, options: { defaultCompare?: CompareMode; now?: Date } = {}): StatsView {
  const context = {
    now: options.now ?? new Date(),
    timeZone: getAppTimeZone(),
    weekStart: getWeekStart(),
    defaultCompare: options.defaultCompare,
  };
  const result = parseView(viewParamsFromUrl(url.searchParams), context);
  if (!result.ok) throw new AppError('bad_request', { code: result.error.code, message: result.error.message });
  return result.view;
}
