import 'server-only';
import type { DateRange } from '../date-range';
import { isAppError } from '../errors';
import { logError } from '../log';
import { comparisonPeriod, type CompareMode } from '../view/comparison-period';
import type { StatsView } from '../view/stats-view';
import type { CallbackStats } from './callback-stats';
import type { Comparison } from './comparison';
import { getCallbackStats as getTalkoverStats } from '../talkover';
import { getCallbackStats, shapeCallbackStats, type StatsRequest } from './get-callback-stats';

/**
 * The earlier period's figures for a view, or null when comparison is off. A failure here is
 * reported beside the range's own figures rather than instead of them.
 */
export async function getComparison(range: DateRange, mode: CompareMode, request: StatsRequest): Promise<Comparison | null> {
  const period = comparisonPeriod(range, mode);
  if (!period || mode === 'off') return null;
  try {
    const earlier = await getCallbackStats({ ...period, timeZone: range.timeZone }, { ...request, priority: 'view' });
    return { mode, period, earlier, error: null };
  } catch (error) {
    const known = isAppError(error) ? error : null;
    if (!known) logError('comparison_error', error);
    return {
      mode,
      period,
      earlier: null,
      error: { code: known?.code ?? 'internal', message: known?.message ?? 'The earlier figures could not be loaded.' },
    };
  }
}

/**
 * A view's own figures and the earlier period's, fetched at the same time (the KPI and source
 * sections share them through the cache). The front door is called directly: this is the page's
 * hot path, drawn in docs/architecture.md.
 */
export async function getViewFigures(view: StatsView, request: StatsRequest): Promise<[CallbackStats, Comparison | null]> {
  const [current, comparison] = await Promise.all([getTalkoverStats(view.range, request), getComparison(view.range, view.compare, request)]);
  return [shapeCallbackStats(view.range, current), comparison];
}
