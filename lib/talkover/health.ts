import 'server-only';
import { peekUpstreamState } from './upstream-state';

export type UpstreamHealth = {
  budget_remaining: number | null;
  rate_limit_per_minute: number | null;
  paused_for_seconds: number;
  in_flight: number;
  cached_entries: number;
  last_call: { at: string; endpoint: string; status: number | null; outcome: string } | null;
};

/** The upstream state as it stands, without creating it or touching the token. */
export async function getUpstreamHealth(): Promise<UpstreamHealth> {
  const state = peekUpstreamState();
  if (!state) {
    return { budget_remaining: null, rate_limit_per_minute: null, paused_for_seconds: 0, in_flight: 0, cached_entries: 0, last_call: null };
  }
  const budget = await state.budget.snapshot();
  return {
    budget_remaining: budget.remaining,
    rate_limit_per_minute: state.budget.limitPerMinute,
    paused_for_seconds: Math.ceil(budget.pausedForMs / 1000),
    in_flight: state.gate.inFlight,
    cached_entries: state.cache.size,
    last_call: state.lastCall,
  };
}
