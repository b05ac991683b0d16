import 'server-only';
import { TALKOVER_STATS_PATH } from '../paths';
import type { BudgetPriority } from './budget';
import type { TalkoverConfig } from './config';
import type { TalkoverCall } from './scheduler';
import { callbackStatsResponseSchema, type RawCallbackStats } from './schemas';
import { cacheKey, ttlSecondsFor } from './tiered-cache';

/**
 * Talkover's endpoints as the front door reads them: the call to make, and the cache entry its
 * answer goes in (keyed by the environment's name and the sorted parameters, never the token).
 */
export type EndpointRead<T> = { key: string; ttlSeconds: number; call: TalkoverCall<T> };

export const CALLBACK_STATS_PATH = TALKOVER_STATS_PATH;

type DayRange = { start: string; end: string };

/** The answer's `data`: what the cache keeps and the callers get. */
const callbackStatsData = callbackStatsResponseSchema.transform((body) => body.data);

function statsParams(range: DayRange) {
  return { start_date: range.start, end_date: range.end };
}

/**
 * `GET /callback-agents/stats` for an inclusive range of calendar days. A trend bucket is just a
 * shorter range: it shares the entry of the same range opened directly. Ranges that include
 * `today` keep the short TTL, finished ones the long one.
 */
export function callbackStatsRead(
  range: DayRange,
  today: string,
  priority: BudgetPriority,
  config: TalkoverConfig,
): EndpointRead<RawCallbackStats> {
  return {
    key: cacheKey(config.environment, CALLBACK_STATS_PATH, statsParams(range)),
    ttlSeconds: ttlSecondsFor(range, today, config),
    call: { path: CALLBACK_STATS_PATH, query: statsParams(range), schema: callbackStatsData, priority },
  };
}
