import type { RangeRouting } from './get-routing';

/** `GET /api/callback-agents`'s answer (the contract in docs/api.md). */
export function toRoutingJson(result: RangeRouting) {
  const { stats, routing } = result;
  return {
    period: { start: stats.period.start, end: stats.period.end },
    agents: (routing?.agents ?? []).map(({ id, name, label, status, sources, received }) => ({ id, name, label, status, sources, received })),
    flags: routing?.flags ?? [],
    meta: {
      time_zone: stats.period.timeZone,
      fetched_at: result.fetchedAt.toISOString(),
      stale: result.stale,
      outbound_agents: result.outbound,
    },
  };
}
