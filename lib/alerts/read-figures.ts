import 'server-only';
import { isAppError } from '../errors';
import { toCallbackStats } from '../stats/callback-stats';
import { getCallbackStats, systemCaller } from '../talkover';
import type { WindowFigures } from './check';
import type { WindowRange } from './windows';

/**
 * A window's figures through the front door, as scheduled work: the cache and the budget pages
 * use, at background priority, paid by the app. Figures Talkover could not refresh (served
 * stale) and every failure are "unreadable": the rule turns unknown, never fires on them.
 */
export async function readWindowFigures(range: WindowRange): Promise<WindowFigures> {
  try {
    const result = await getCallbackStats(range, { caller: systemCaller('alerts'), priority: 'background' });
    if (result.cache === 'stale') return { kind: 'unreadable', reason: 'stale' };
    return { kind: 'stats', stats: toCallbackStats(result.value, { timeZone: range.timeZone, fetchedAt: result.fetchedAt }) };
  } catch (error) {
    return { kind: 'unreadable', reason: isAppError(error) ? error.code : 'unexpected_error' };
  }
}
