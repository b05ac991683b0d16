import type { Simulator } from '../../../simulator/server';

/**
 * Cold views: a page nobody has opened yet, timed until its whole streamed HTML has arrived
 * (KPIs, trend and sources all rendered), with Talkover answering after a realistic delay, and
 * the Talkover calls it cost counted at the simulator. Then the same page again: a view already
 * seen must cost no call at all.
 */
export type ColdView = { id: string; label: string; path: string; maxCalls: number; maxMs: number };

export const COLD_VIEWS: readonly ColdView[] = [
  // Totals, comparison, at most 14 weeks, and the callback agents list (the sources' "Handled by").
  { id: 'cold-90d', label: 'cold /?range=90d (weekly trend + comparison)', path: '/?range=90d', maxCalls: 17, maxMs: 1_500 },
  // Totals, comparison and 31 days (the agents list is still cached from the view above).
  { id: 'cold-30d-day', label: 'cold /?range=30d&interval=day', path: '/?range=30d&interval=day', maxCalls: 33, maxMs: 1_500 },
];

export type ColdViewResult = ColdView & {
  latencyMs: number | null;
  upstreamCalls: number;
  /** Every section rendered and the trend complete (no "loaded; the rest…" notice). */
  complete: boolean;
  /** The same page requested again at once. */
  warmLatencyMs: number | null;
  warmUpstreamCalls: number;
  /** Talkover's simulated latency during the measurement. */
  talkoverLatencyMs: number;
  failure?: string;
};

type Side = { url: string; cookie: string };

const MARKERS = ['kpi-value', 'id="trend-heading"', 'id="sources-heading"'];

async function timedPage(side: Side, path: string): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await fetch(`${side.url}${path}`, {
    headers: { Cookie: side.cookie },
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  return { ms: performance.now() - started, body, status: response.status };
}

/**
 * `members`: one signed-in member per view. A member who opens two cold views within a minute
 * runs out of their fair share of the budget (lib/talkover/member-fair-share.ts) and gets a
 * partial trend, which is the share working, not what this measures.
 */
export async function measureColdViews(
  app: { url: string; members: readonly string[] },
  simulator: Simulator,
  talkoverLatencyMs: number,
): Promise<ColdViewResult[]> {
  const results: ColdViewResult[] = [];
  simulator.setLatency(talkoverLatencyMs);
  try {
    for (const [index, view] of COLD_VIEWS.entries()) {
      console.log(`  ${view.label} at ${talkoverLatencyMs} ms Talkover latency…`);
      const side: Side = { url: app.url, cookie: app.members[index % app.members.length]! };
      try {
        const before = simulator.requestCount();
        const cold = await timedPage(side, view.path);
        const upstreamCalls = simulator.requestCount() - before;
        const complete = cold.status === 200 && MARKERS.every((marker) => cold.body.includes(marker)) && !cold.body.includes('loaded; the rest');
        const warm = await timedPage(side, view.path);
        results.push({
          ...view,
          latencyMs: Number(cold.ms.toFixed(1)),
          upstreamCalls,
          complete,
          warmLatencyMs: Number(warm.ms.toFixed(1)),
          warmUpstreamCalls: simulator.requestCount() - before - upstreamCalls,
          talkoverLatencyMs,
        });
      } catch (error) {
        results.push({
          ...view,
          latencyMs: null,
          upstreamCalls: 0,
          complete: false,
          warmLatencyMs: null,
          warmUpstreamCalls: 0,
          talkoverLatencyMs,
          failure: (error as Error).message,
        });
      }
    }
  } finally {
    simulator.setLatency(0);
  }
  return results;
}
