import 'server-only';
import { parseDateRange } from '../date-range';
import { getAppTimeZone } from '../env';
import { rangeParamsFromUrl } from '../search-params';
import { peekCacheState } from './cache';
import { peekUpstreamState } from './state';
import { callbackStatsCacheKey } from './stats-endpoint';

/**
 * What the cache holds for the stats page's range as the request arrives. A page's headers leave
 * before its figures stream in, so this is what its Server-Timing can honestly say: `hit` means
 * the figures will come from the cache; otherwise they are fetched while the page streams.
 */
export function peekStatsPageCache(url: URL): string | null {
  try {
    const state = peekUpstreamState();
    const result = parseDateRange(rangeParamsFromUrl(url.searchParams), { now: new Date(), timeZone: getAppTimeZone() });
    if (!result.ok) return null;
    if (!state) return 'miss';
    const held = peekCacheState(state.cache, callbackStatsCacheKey(result.range));
    return held === 'hit' ? 'hit' : 'miss';
  } catch {
    return null; // a broken setting is reported by the page itself
  }
}
