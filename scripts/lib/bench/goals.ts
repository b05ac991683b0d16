import type { FirstLoadJs } from '../first-load';
import type { ScenarioResult } from './measurement';

/** The figures the goals are about, derived from the scenario rows. Null: not measurable. */
export type Ratios = {
  /** Warm /api/stats req/s ÷ floor req/s: what auth, parsing and the cache cost a request. */
  warmApiOverFloor: number | null;
  /** Warm page req/s ÷ floor req/s: the same plus rendering the page. */
  warmPageOverFloor: number | null;
  /** Cache-miss p50 − direct Talkover p50, in ms: what the app adds to each Talkover call. */
  missOverheadP50Ms: number | null;
  /** Talkover calls per minute the team's mixed load costs; the rate limit is per minute. */
  mixedUpstreamCallsPerMinute: number | null;
  /** Errors over every scenario. */
  totalErrors: number;
  firstLoadJsGzipKb: number | null;
};

export type GoalStatus = 'met' | 'missed' | 'not measured';
export type GoalResult = { goal: string; value: string; status: GoalStatus };

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function computeRatios(results: ScenarioResult[], firstLoad: FirstLoadJs | null): Ratios {
  const row = (id: string) => results.find((result) => result.id === id && !result.failure);
  const ratio = (a?: number | null, b?: number | null) => (a != null && b ? round(a / b, 3) : null);
  const floor = row('floor');
  const miss = row('miss-api');
  const direct = row('direct-upstream');
  const mixed = row('mixed');
  return {
    warmApiOverFloor: ratio(row('warm-api')?.reqPerSec, floor?.reqPerSec),
    warmPageOverFloor: ratio(row('warm-page')?.reqPerSec, floor?.reqPerSec),
    missOverheadP50Ms: miss?.p50Ms != null && direct?.p50Ms != null ? round(miss.p50Ms - direct.p50Ms, 2) : null,
    mixedUpstreamCallsPerMinute:
      mixed?.upstreamCalls != null && mixed.durationSeconds > 0
        ? round(mixed.upstreamCalls / (mixed.durationSeconds / 60), 1)
        : null,
    totalErrors: results.reduce((sum, result) => sum + result.errors, 0),
    firstLoadJsGzipKb: firstLoad ? round(firstLoad.gzip / 1024, 1) : null,
  };
}

/** Each goal with the value measured against it. */
export function evaluateGoals(ratios: Ratios): GoalResult[] {
  const check = (goal: string, value: number | null, shown: (v: number) => string, ok: (v: number) => boolean) =>
    value === null
      ? { goal, value: '—', status: 'not measured' as const }
      : { goal, value: shown(value), status: ok(value) ? ('met' as const) : ('missed' as const) };
  const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    check('warm /api/stats ≥ 70% of floor req/s', ratios.warmApiOverFloor, percent, (v) => v >= 0.7),
    check('warm page ≥ 25% of floor req/s', ratios.warmPageOverFloor, percent, (v) => v >= 0.25),
    check('cache-miss overhead ≤ 3 ms p50', ratios.missOverheadP50Ms, (v) => `${v.toFixed(2)} ms`, (v) => v <= 3),
    check('0 errors', ratios.totalErrors, String, (v) => v === 0),
    check('≤ 80 upstream calls/min (mixed load)', ratios.mixedUpstreamCallsPerMinute, (v) => v.toFixed(1), (v) => v <= 80),
    check('first-load JS ≤ 185 KB gzip', ratios.firstLoadJsGzipKb, (v) => `${v.toFixed(1)} KB`, (v) => v <= 185),
  ];
}
