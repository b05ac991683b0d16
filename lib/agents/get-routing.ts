import 'server-only';
import type { DateRange } from '../date-range';
import { isAppError, type AppError } from '../errors';
import { logError } from '../log';
import { getCallbackStats } from '../stats/get-callback-stats';
import type { CallbackStats } from '../stats/callback-stats';
import { getCallbackAgents, getOutboundAgents, type CallOptions } from '../talkover';
import { toRouting, type Routing } from './routing';

/**
 * A range's routing: the range's stats (already cached for the page), the callback agents, and
 * the outbound agents, read at once. The figures are what the page needs most: when the agents
 * list cannot be read the routing is null with the reason; when only the outbound list fails,
 * the routing comes without the `outbound_not_routed` check, and says so.
 */
export type RangeRouting = {
  stats: CallbackStats;
  routing: Routing | null;
  routingError: AppError | null;
  /** The outbound list could not be read (its flag is not checked), or was cut at its page bound. */
  outbound: 'read' | 'unavailable' | 'truncated';
  /** The outbound agents' names, for flags about agents that have no callbacks. */
  outboundNames: { id: string; name: string }[];
  fetchedAt: Date;
  stale: boolean;
};

export async function getRangeRouting(range: Pick<DateRange, 'start' | 'end' | 'timeZone'>, options: CallOptions): Promise<RangeRouting> {
  const [stats, agents, outbound] = await Promise.all([
    getCallbackStats(range, options),
    getCallbackAgents(options).catch(asFailure),
    getOutboundAgents(options).catch(asFailure),
  ]);
  const outboundState = 'failure' in outbound ? 'unavailable' : outbound.truncated ? 'truncated' : 'read';
  const outboundNames = 'failure' in outbound ? [] : outbound.agents.map(({ id, name }) => ({ id, name }));
  if ('failure' in agents) {
    return {
      stats,
      routing: null,
      routingError: agents.failure,
      outbound: outboundState,
      outboundNames,
      fetchedAt: new Date(stats.fetchedAt),
      stale: stats.source.cache === 'stale',
    };
  }
  const sources = stats.sources.map((source) => ({ id: source.id, name: source.name, count: source.count }));
  const routing = toRouting(agents.value, sources, 'failure' in outbound ? null : outbound.agents);
  return {
    stats,
    routing,
    routingError: null,
    outbound: outboundState,
    outboundNames,
    fetchedAt: new Date(Math.min(Date.parse(stats.fetchedAt), agents.fetchedAt.getTime())),
    stale: stats.source.cache === 'stale' || agents.cache === 'stale' || (!('failure' in outbound) && outbound.stale),
  };
}

function asFailure(error: unknown): { failure: AppError } {
  if (isAppError(error)) return { failure: error };
  logError('routing_error', error);
  throw error;
}
