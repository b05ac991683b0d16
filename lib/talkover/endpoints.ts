import 'server-only';
import type { z } from 'zod';
import { TALKOVER_STATS_PATH } from '../paths';
import type { BudgetPriority } from './budget';
import type { TalkoverConfig } from './config';
import type { TalkoverCall } from './scheduler';
import {
  agentsPageResponseSchema,
  callbackAgentDetailResponseSchema,
  callbackAgentDetailSchema,
  callbackAgentsResponseSchema,
  callbackAgentsSchema,
  agentsPageSchema,
  type AgentsPage,
  type CallbackAgent,
  type CallbackAgentDetail,
} from './agent-schemas';
import { callbackStatsResponseSchema, callbackStatsSchema, type RawCallbackStats } from './schemas';
import { cacheKey, ttlSecondsFor } from './tiered-cache';

/**
 * Talkover's endpoints as the front door reads them: the call to make, and the cache entry its
 * answer goes in (keyed by the environment's name and the sorted parameters, never the token).
 */
export type EndpointRead<T> = {
  key: string;
  ttlSeconds: number;
  call: TalkoverCall<T>;
  /** What the cached value must look like when it is read back from Redis. */
  valueSchema: z.ZodType<T>;
};

/** Routing changes rarely and is read beside figures: five minutes, whatever the range. */
export const AGENTS_TTL_SECONDS = 300;
/** Outbound agents are read 100 a page, up to this many pages (10,000 agents). */
export const AGENTS_PER_PAGE = 100;

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
    call: { path: CALLBACK_STATS_PATH, endpoint: CALLBACK_STATS_PATH, query: statsParams(range), schema: callbackStatsData, priority },
    valueSchema: callbackStatsSchema,
  };
}

/** `GET /callback-agents`: every callback agent and the sources it lists. */
export function callbackAgentsRead(priority: BudgetPriority, config: TalkoverConfig): EndpointRead<CallbackAgent[]> {
  return {
    key: cacheKey(config.environment, '/callback-agents', {}),
    ttlSeconds: AGENTS_TTL_SECONDS,
    call: {
      path: '/callback-agents',
      endpoint: '/callback-agents',
      query: {},
      schema: callbackAgentsResponseSchema.transform((body) => body.data),
      priority,
    },
    valueSchema: callbackAgentsSchema,
  };
}

/** `GET /callback-agents/{id}`: one callback agent, its sources and its recent activity. */
export function callbackAgentRead(id: string, priority: BudgetPriority, config: TalkoverConfig): EndpointRead<CallbackAgentDetail> {
  const path = `/callback-agents/${encodeURIComponent(id)}`;
  return {
    key: cacheKey(config.environment, path, {}),
    ttlSeconds: AGENTS_TTL_SECONDS,
    // The id stays out of metrics labels and log lines' endpoint: one series per endpoint, not per agent.
    call: {
      path,
      endpoint: '/callback-agents/{id}',
      query: {},
      schema: callbackAgentDetailResponseSchema.transform((body) => body.data),
      priority,
      absentOn404: true,
    },
    valueSchema: callbackAgentDetailSchema,
  };
}

/** One page of `GET /agents?direction=outbound`. */
export function outboundAgentsPageRead(page: number, priority: BudgetPriority, config: TalkoverConfig): EndpointRead<AgentsPage> {
  const query = { direction: 'outbound', per_page: String(AGENTS_PER_PAGE), page: String(page) };
  return {
    key: cacheKey(config.environment, '/agents', query),
    ttlSeconds: AGENTS_TTL_SECONDS,
    call: {
      path: '/agents',
      endpoint: '/agents',
      query,
      schema: agentsPageResponseSchema.transform(({ data, meta }) => ({ data, meta })),
      priority,
    },
    valueSchema: agentsPageSchema,
  };
}
