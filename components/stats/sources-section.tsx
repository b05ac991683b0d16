import type { CallbackStats } from '@/lib/stats/callback-stats';
import type { Comparison } from '@/lib/stats/comparison';
import { getViewFigures } from '@/lib/stats/get-comparison';
import type { StatsView } from '@/lib/view/stats-view';
import { SourceBreakdown } from './source-breakdown';
import { handlersBySource } from '@/lib/agents/routing';
import { getCallbackAgents, memberCaller } from '@/lib/talkover';

/**
 * The per-source table, with the comparison's counts. It shares the cached calls of the KPI
 * section (same keys, one upstream call each); a failure is shown there, once, not here again.
 */
export async function SourcesSection({ view, requester }: { view: StatsView; requester: string }) {
  let stats: CallbackStats;
  let comparison: Comparison | null;
  const caller = memberCaller(requester);
  // Who handles each source: a link per row. Without the routing the table is still whole.
  const handlers = getCallbackAgents({ caller }).then(
    (agents) => handlersBySource(agents.value),
    () => null,
  );
  try {
    [stats, comparison] = await getViewFigures(view, { caller });
  } catch {
    return null;
  }
  if (stats.totals.received === 0) return null;
  return <SourceBreakdown stats={stats} earlier={comparison?.earlier ?? null} handlers={await handlers} />;
}
