import 'server-only';
import { todayIn } from '../date-range';
import { TALKOVER_STATS_PATH } from '../paths';
import { cached, cacheKey, ttlSecondsFor, type Cached, type LoadReason } from './cache';
import { talkoverGet } from './client';
import { getTalkoverConfig } from './config';
import { callbackStatsResponseSchema, type RawCallbackStats } from './schemas';
import { getUpstreamState } from './state';

export const CALLBACK_STATS_PATH = TALKOVER_STATS_PATH;

type DayRange = { start: string; end: string };

function statsParams(range: DayRange) {
  return { start_date: range.start, end_date: range.end };
}

/** `GET /callback-agents/stats` for an inclusive range of calendar days: one upstream call. */
export async function fetchCallbackStats(range: DayRange, reason: LoadReason = 'uncached'): Promise<RawCallbackStats> {
  const body = await talkoverGet(CALLBACK_STATS_PATH, statsParams(range), callbackStatsResponseSchema, reason);
  return body.data;
}

/** The cache key of a range's stats (no secret in it): shared with Server-Timing on pages. */
export function callbackStatsCacheKey(range: DayRange): string {
  return cacheKey(getTalkoverConfig().environment, CALLBACK_STATS_PATH, statsParams(range));
}

/** The range's stats through the cache: what the page and `/api/stats` read. */
export function readCallbackStats(range: DayRange & { timeZone: string }): Promise<Cached<RawCallbackStats>> {
  const config = getTalkoverConfig();
  const state = getUpstreamState(config);
  const today = todayIn(range.timeZone, new Date(state.clock.now()));
  return cached(
    state.cache,
    state.clock,
    { key: callbackStatsCacheKey(range), ttlSeconds: ttlSecondsFor(range, today, config) },
    (reason) => fetchCallbackStats(range, reason),
  );
}
