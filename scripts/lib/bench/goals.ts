import type { FirstLoadJs } from '../first-load';
import type { ColdViewResult } from './cold-views';
import { median, type ScenarioResult } from './measurement';

/** The figures the goals are about, derived from the scenario rows. Null: not measurable. */
export type Ratios = {
  /** Warm /api/stats req/s ÷ floor req/s: what auth, parsing and the cache cost a request. */
  warmApiOverFloor: number | null;
  /** The same with REDIS_URL set (app C): what shared state adds to a warm request. */
  warmRedisApiOverFloor: number | null;
  /** Warm page req/s ÷ floor req/s: the same plus rendering the page. */
  warmPageOverFloor: number | null;
  /** The simplest page's req/s ÷ floor req/s: what rendering any page costs in this framework. */
  simplestPageOverFloor: number | null;
  /** Warm stats page req/s ÷ /login req/s in the same rounds: the stats page against any page. */
  warmPageOverLogin: number | null;
  /**
   * Cache-miss p50 − direct Talkover p50, in ms, at the overhead connections (one by default):
   * what the app adds to each Talkover call.
   */
  missOverheadP50Ms: number | null;
  /** The same at the throughput rows' concurrency, where it is mostly queueing for the core. */
  missOverheadP50MsLoaded: number | null;
  /** Talkover calls per minute the team's mixed load costs; the rate limit is per minute. */
  mixedUpstreamCallsPerMinute: number | null;
  /** The same load dealt out to two instances sharing Redis: what both together cost. */
  sharedMixedUpstreamCallsPerMinute: number | null;
  /** Errors over every scenario. */
  totalErrors: number;
  firstLoadJsGzipKb: number | null;
  /** Each round's value of the paired ratios above, in round order: the medians come from these. */
  byRound: Partial<Record<PairedRatio, number[]>>;
};

type PairedRatio =
  | 'warmApiOverFloor'
  | 'warmRedisApiOverFloor'
  | 'warmPageOverFloor'
  | 'simplestPageOverFloor'
  | 'warmPageOverLogin'
  | 'missOverheadP50Ms'
  | 'missOverheadP50MsLoaded';

export type GoalStatus = 'met' | 'missed' | 'not measured';
export type GoalResult = { goal: string; value: string; status: GoalStatus };

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * Pairs two scenarios round by round (they ran seconds apart in each round) and returns
 * `combine` for each round: the median of these is robust to the machine's speed drifting
 * between rounds.
 */
function pairedRounds(
  a: ScenarioResult | undefined,
  b: ScenarioResult | undefined,
  combine: (a: { reqPerSec: number; p50Ms: number | null }, b: { reqPerSec: number; p50Ms: number | null }) => number | null,
): number[] {
  if (!a?.rounds || !b?.rounds) return [];
  return a.rounds.flatMap((round, i) => {
    const other = b.rounds![i];
    const value = other ? combine(round, other) : null;
    return value === null || !Number.isFinite(value) ? [] : [value];
  });
}

export function computeRatios(
  results: ScenarioResult[],
  firstLoad: FirstLoadJs | null,
  connections: { throughput: number; overhead: number },
): Ratios {
  const row = (id: string) => results.find((result) => result.id === id && !result.failure);
  const throughput = (id: string) =>
    pairedRounds(row(id), row('floor'), (a, floor) => (floor.reqPerSec ? round(a.reqPerSec / floor.reqPerSec, 3) : null));
  const overhead = (n: number) =>
    pairedRounds(row(`miss-api-c${n}`), row(`direct-upstream-c${n}`), (miss, direct) =>
      miss.p50Ms !== null && direct.p50Ms !== null ? round(miss.p50Ms - direct.p50Ms, 2) : null,
    );
  const byRound: Record<PairedRatio, number[]> = {
    warmApiOverFloor: throughput('warm-api'),
    warmRedisApiOverFloor: throughput('warm-api-redis'),
    warmPageOverFloor: throughput('warm-page'),
    simplestPageOverFloor: throughput('login-page'),
    warmPageOverLogin: pairedRounds(row('warm-page'), row('login-page'), (page, login) =>
      login.reqPerSec ? round(page.reqPerSec / login.reqPerSec, 3) : null,
    ),
    missOverheadP50Ms: overhead(connections.overhead),
    missOverheadP50MsLoaded: overhead(connections.throughput),
  };
  const middle = (key: PairedRatio, digits: number) => {
    const value = median(byRound[key]);
    return value === null ? null : round(value, digits);
  };
  const perMinute = (id: string) => {
    const mixed = row(id);
    return mixed?.upstreamCalls != null && mixed.durationSeconds > 0 ? round(mixed.upstreamCalls / (mixed.durationSeconds / 60), 1) : null;
  };
  return {
    warmApiOverFloor: middle('warmApiOverFloor', 3),
    warmRedisApiOverFloor: middle('warmRedisApiOverFloor', 3),
    warmPageOverFloor: middle('warmPageOverFloor', 3),
    simplestPageOverFloor: middle('simplestPageOverFloor', 3),
    warmPageOverLogin: middle('warmPageOverLogin', 3),
    missOverheadP50Ms: middle('missOverheadP50Ms', 2),
    missOverheadP50MsLoaded: middle('missOverheadP50MsLoaded', 2),
    mixedUpstreamCallsPerMinute: perMinute('mixed'),
    sharedMixedUpstreamCallsPerMinute: perMinute('mixed-redis'),
    totalErrors: results.reduce((sum, result) => sum + result.errors, 0),
    firstLoadJsGzipKb: firstLoad ? round(firstLoad.gzip / 1024, 1) : null,
    byRound,
  };
}

/** Each goal with the value measured against it. */
export function evaluateGoals(ratios: Ratios, overheadConnections: number, coldViews: readonly ColdViewResult[] = []): GoalResult[] {
  const check = (goal: string, value: number | null, shown: (v: number) => string, ok: (v: number) => boolean) =>
    value === null
      ? { goal, value: '—', status: 'not measured' as const }
      : { goal, value: shown(value), status: ok(value) ? ('met' as const) : ('missed' as const) };
  const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    check('warm /api/stats ≥ 70% of floor req/s', ratios.warmApiOverFloor, percent, (v) => v >= 0.7),
    check('warm /api/stats with Redis ≥ 60% of floor req/s', ratios.warmRedisApiOverFloor, percent, (v) => v >= 0.6),
    check('warm page ≥ 25% of floor req/s', ratios.warmPageOverFloor, percent, (v) => v >= 0.25),
    check('warm page ≥ 70% of /login req/s', ratios.warmPageOverLogin, percent, (v) => v >= 0.7),
    ...coldViews.flatMap((view) => coldViewGoals(view)),
    check(
      `cache-miss overhead ≤ 3 ms p50 (${overheadConnections} conn.)`,
      ratios.missOverheadP50Ms,
      (v) => `${v.toFixed(2)} ms`,
      (v) => v <= 3,
    ),
    check('0 errors', ratios.totalErrors, String, (v) => v === 0),
    check(
      '≤ 80 upstream calls/min (mixed load)',
      ratios.mixedUpstreamCallsPerMinute,
      (v) => v.toFixed(1),
      (v) => v <= 80,
    ),
    check(
      '≤ 80 upstream calls/min in total (mixed load, 2 instances + Redis)',
      ratios.sharedMixedUpstreamCallsPerMinute,
      (v) => v.toFixed(1),
      (v) => v <= 80,
    ),
    check(
      'first-load JS ≤ 185 KB gzip',
      ratios.firstLoadJsGzipKb,
      (v) => `${v.toFixed(1)} KB`,
      (v) => v <= 185,
    ),
  ];
}

/** A cold view's goals: its Talkover calls, its time to fully rendered, and nothing when seen again. */
function coldViewGoals(view: ColdViewResult): GoalResult[] {
  const measured = view.failure === undefined && view.latencyMs !== null;
  const goal = (name: string, value: string, ok: boolean): GoalResult =>
    measured ? { goal: name, value, status: ok ? 'met' : 'missed' } : { goal: name, value: '—', status: 'not measured' };
  return [
    goal(`${view.path}: ≤ ${view.maxCalls} Talkover calls cold`, String(view.upstreamCalls), view.upstreamCalls <= view.maxCalls),
    goal(
      `${view.path}: fully rendered ≤ ${view.maxMs} ms cold at ${view.talkoverLatencyMs} ms latency`,
      `${view.latencyMs?.toFixed(0)} ms${view.complete ? '' : ' (incomplete)'}`,
      view.complete && (view.latencyMs ?? Infinity) <= view.maxMs,
    ),
    goal(`${view.path}: 0 Talkover calls when seen again`, String(view.warmUpstreamCalls), view.warmUpstreamCalls === 0),
  ];
}
