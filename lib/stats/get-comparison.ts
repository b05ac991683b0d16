import 'server-only';
import type { DateRange } from '../date-range';
import { isAppError } from '../errors';
import { comparisonPeriod, type CompareMode } from '../trends/comparison-period';
import type { Comparison } from './comparison';
import { getCallbackStats, type StatsRequest } from './get-callback-stats';

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
    if (!known) console.error(JSON.stringify({ event: 'comparison_error', name: error instanceof Error ? error.name : typeof error }));
    return {
      mode,
      period,
      earlier: null,
      error: { code: known?.code ?? 'internal', message: known?.message ?? 'The earlier figures could not be loaded.' },
    };
  }
}
