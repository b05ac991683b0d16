import 'server-only';
import { todayIn } from '../date-range';
import { recordCacheRequest } from '../metrics/record';
import type { BudgetPriority } from './budget';
import { getTalkoverConfig, type TalkoverConfig } from './config';
import type { CallbackAgent, CallbackAgentDetail, ListedAgent } from './agent-schemas';
import { isAppError } from '../errors';
import { callbackAgentRead, callbackAgentsRead, callbackStatsRead, outboundAgentsPageRead, type EndpointRead } from './endpoints';
import { chargeMemberBucketMiss, chargeMemberMiss, isMemberRefusal } from './member-fair-share';
import { scheduleCall } from './scheduler';
import type { RawCallbackStats } from './schemas';
import { readThrough, willCallTalkover, type Cached, type LoadReason, type SharedTier } from './tiered-cache';
import { getUpstreamState, type UpstreamState } from './upstream-state';

/**
 * The front door to Talkover: the only module the rest of the app imports from `lib/talkover`
 * (ESLint enforces it). Callers say what they mean (which figures, who pays, how urgent), never
 * how a call is cached, budgeted or retried. Inside, one read is three steps: the tiered cache
 * (tiered-cache.ts: memory, then Redis, single-flight), the scheduler (scheduler/: budget,
 * concurrency, pause, retries) and one HTTP try (http-call.ts). docs/architecture.md draws it.
 */

/**
 * Who pays for a cache miss: a signed-in member (counted against their fair share of the budget),
 * or the app itself for scheduled work such as digests and alerts (no member's share).
 */
export type Caller = { kind: 'member'; id: string } | { kind: 'system'; job: string };

/**
 * How urgent the call is. `view`: figures a person is looking at. `series`: trend buckets.
 * `background`: scheduled work nobody is waiting on, which spends the budget only while enough is
 * left for people (the series reserve) and queues behind the trend buckets.
 */
export type Priority = 'view' | 'series' | 'background';

export type CallOptions = { caller: Caller; priority?: Priority };

export const memberCaller = (email: string): Caller => ({ kind: 'member', id: email });
export const systemCaller = (job: string): Caller => ({ kind: 'system', job });

/** `GET /callback-agents/stats` for an inclusive range of days, through the cache and the budget. */
export async function getCallbackStats(
  range: { start: string; end: string; timeZone: string },
  { caller, priority = 'view' }: CallOptions,
): Promise<Cached<RawCallbackStats>> {
  const config = getTalkoverConfig();
  const today = todayIn(range.timeZone, new Date(getUpstreamState(config).clock.now()));
  return readEndpoint(callbackStatsRead(range, today, budgetPriorityOf(priority), config), { caller, priority }, config);
}

/**
 * The callback agents and the sources each lists (`GET /callback-agents`), cached for five
 * minutes. Read beside figures on screen, so at the trend buckets' priority, below the figures.
 */
export function getCallbackAgents({ caller, priority = 'series' }: CallOptions): Promise<Cached<CallbackAgent[]>> {
  const config = getTalkoverConfig();
  return readEndpoint(callbackAgentsRead(budgetPriorityOf(priority), config), { caller, priority }, config);
}

/** One callback agent (`GET /callback-agents/{id}`); Talkover's 404 is `upstream_not_found`. */
export function getCallbackAgent(id: string, { caller, priority = 'series' }: CallOptions): Promise<Cached<CallbackAgentDetail>> {
  const config = getTalkoverConfig();
  return readEndpoint(callbackAgentRead(id, budgetPriorityOf(priority), config), { caller, priority }, config);
}

/** At most this many pages of outbound agents are read (10,000 agents at 100 a page). */
export const MAX_AGENT_PAGES = 100;

/**
 * The environment's outbound agents (`GET /agents?direction=outbound`), every page up to
 * MAX_AGENT_PAGES (`truncated` says when that bound cut the list), each page cached for five
 * minutes. Pages after the first are read together once the first says how many there are.
 */
export async function getOutboundAgents(
  { caller, priority = 'series' }: CallOptions,
  maxPages = MAX_AGENT_PAGES,
): Promise<{ agents: ListedAgent[]; truncated: boolean; fetchedAt: Date; stale: boolean }> {
  const config = getTalkoverConfig();
  const page = (n: number) => readEndpoint(outboundAgentsPageRead(n, budgetPriorityOf(priority), config), { caller, priority }, config);
  const first = await page(1);
  const lastPage = Math.max(1, first.value.meta.last_page);
  const rest = await Promise.all(Array.from({ length: Math.min(lastPage, maxPages) - 1 }, (_, index) => page(index + 2)));
  const pages = [first, ...rest];
  return {
    agents: pages.flatMap((answer) => answer.value.data),
    truncated: lastPage > maxPages,
    fetchedAt: new Date(Math.min(...pages.map((answer) => answer.fetchedAt.getTime()))),
    stale: pages.some((answer) => answer.cache === 'stale'),
  };
}

/**
 * One endpoint read, the same for every endpoint: charge the member for a miss, then the tiered
 * cache, whose loader is the scheduler itself (bound, not wrapped in a closure).
 */
async function readEndpoint<T>(read: EndpointRead<T>, options: Required<CallOptions>, config: TalkoverConfig): Promise<Cached<T>> {
  const state = getUpstreamState(config);
  const shared = state.sharedCache ? { tier: state.sharedCache, waitMs: config.deadlineMs, schema: read.valueSchema } : undefined;
  try {
    await chargeCaller(state, read, options, shared);
    const load = scheduleCall.bind(null, state, config, read.call) as (reason: LoadReason) => Promise<T>;
    const result = await readThrough(state.cache, state.clock, read, load, {
      // Stale figures say "Talkover is unavailable": not what a refused share or a 404 means.
      staleOnError: (error) => !isMemberRefusal(error) && !(isAppError(error) && error.kind === 'upstream_not_found'),
      shared,
    });
    recordCacheRequest(result.cache);
    return result;
  } catch (error) {
    // Nothing usable was cached (a hit or a stale value would have answered): a miss.
    recordCacheRequest('miss');
    throw error;
  }
}

/**
 * A member pays for every miss they cause out of their share of the budget, before the read (so
 * whoever joins a miss never inherits another member's refusal): totals, comparison and CSV at
 * `view` priority, trend buckets out of the series part of that share too. Hits, and reads that
 * join a call already under way, are free. Scheduled work (the system) is held in check by the
 * budget's series reserve instead.
 */
async function chargeCaller(
  state: UpstreamState,
  read: EndpointRead<unknown>,
  { caller, priority }: Required<CallOptions>,
  shared?: SharedTier,
) {
  if (caller.kind !== 'member') return;
  if (read.ttlSeconds > 0 && !(await willCallTalkover(state.cache, state.clock, read.key, shared))) return;
  if (priority === 'view') await chargeMemberMiss(state.memberShare, caller.id);
  else await chargeMemberBucketMiss({ all: state.memberShare, series: state.memberSeriesShare }, caller.id);
}

/** What the budget knows: scheduled work takes the lowest class it has. */
function budgetPriorityOf(priority: Priority): BudgetPriority {
  return priority === 'view' ? 'view' : 'series';
}

export type { Cached, CacheState } from './tiered-cache';
export type { CallbackAgent, CallbackAgentDetail, ListedAgent } from './agent-schemas';
export type { RawCallbackStats } from './schemas';
export { getUpstreamHealth, type UpstreamHealth } from './health';
export { talkoverSettings } from './config';
