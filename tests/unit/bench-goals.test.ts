import { describe, expect, it } from 'vitest';
import { computeRatios, evaluateGoals } from '@/scripts/lib/bench/goals';
import type { ColdViewResult } from '@/scripts/lib/bench/cold-views';
import { median, type ScenarioResult } from '@/scripts/lib/bench/measurement';

const row = (id: string, rounds: { reqPerSec: number; p50Ms: number | null }[], extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id,
  label: id,
  target: id,
  connections: 10,
  durationSeconds: 15,
  requests: 1,
  reqPerSec: median(rounds.map((r) => r.reqPerSec)),
  p50Ms: null,
  p99Ms: null,
  errors: 0,
  errorKinds: {},
  upstreamCalls: 0,
  rounds,
  ...extra,
});
const connections = { throughput: 10, overhead: 1 };

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('computeRatios', () => {
  it('pairs throughput with the floor round by round, so a machine slowing down between rounds cancels out', () => {
    // The machine halves its speed in round 2 and is slow again in round 3: 80% in every round,
    // while the rows' own medians (900 and 450) would say 50%.
    const results = [
      row('floor', [
        { reqPerSec: 1000, p50Ms: 1 },
        { reqPerSec: 500, p50Ms: 2 },
        { reqPerSec: 900, p50Ms: 1 },
      ]),
      row('warm-api', [
        { reqPerSec: 800, p50Ms: 1 },
        { reqPerSec: 400, p50Ms: 2 },
        { reqPerSec: 450, p50Ms: 1 },
      ]),
    ];
    // Round 3 is 50%; the median of 80%, 80% and 50% is 80%.
    expect(computeRatios(results, null, connections).warmApiOverFloor).toBe(0.8);
  });

  it("reports the median round, not the best one nor the rows' medians", () => {
    const results = [
      row('floor', [
        { reqPerSec: 1000, p50Ms: 1 },
        { reqPerSec: 400, p50Ms: 1 },
        { reqPerSec: 800, p50Ms: 1 },
      ]),
      row('warm-page', [
        { reqPerSec: 100, p50Ms: 1 },
        { reqPerSec: 120, p50Ms: 1 },
        { reqPerSec: 200, p50Ms: 1 },
      ]),
    ];
    // Per round: 10%, 30%, 25% → 25%. The rows' medians would give 120 / 800 = 15%.
    expect(computeRatios(results, null, connections).warmPageOverFloor).toBe(0.25);
  });

  it('takes the cache-miss overhead at the overhead connections, and the loaded one apart', () => {
    const results = [
      row('miss-api-c1', [
        { reqPerSec: 1, p50Ms: 5 },
        { reqPerSec: 1, p50Ms: 6 },
        { reqPerSec: 1, p50Ms: 9 },
      ]),
      row('direct-upstream-c1', [
        { reqPerSec: 1, p50Ms: 2 },
        { reqPerSec: 1, p50Ms: 2 },
        { reqPerSec: 1, p50Ms: 2 },
      ]),
      row('miss-api-c10', [{ reqPerSec: 1, p50Ms: 40 }]),
      row('direct-upstream-c10', [{ reqPerSec: 1, p50Ms: 2 }]),
    ];
    const ratios = computeRatios(results, null, connections);
    expect(ratios.missOverheadP50Ms).toBe(4);
    expect(ratios.missOverheadP50MsLoaded).toBe(38);
  });

  it('leaves out what could not be measured rather than guessing', () => {
    const results = [row('floor', [{ reqPerSec: 1000, p50Ms: 1 }]), { ...row('warm-api', []), failure: 'could not run' }];
    const ratios = computeRatios(results, null, connections);
    expect(ratios.warmApiOverFloor).toBeNull();
    expect(ratios.missOverheadP50Ms).toBeNull();
    const goals = evaluateGoals(ratios, 1);
    expect(goals.find((goal) => goal.goal.startsWith('warm /api/stats'))?.status).toBe('not measured');
  });

  it('counts upstream calls per minute of the mixed load and every error', () => {
    const results = [
      row('floor', [{ reqPerSec: 1000, p50Ms: 1 }], { errors: 2 }),
      row('mixed', [], { rounds: undefined, durationSeconds: 120, upstreamCalls: 30, errors: 1 }),
    ];
    const ratios = computeRatios(results, null, connections);
    expect(ratios.mixedUpstreamCallsPerMinute).toBe(15);
    expect(ratios.totalErrors).toBe(3);
    expect(evaluateGoals(ratios, 1).find((goal) => goal.goal === '0 errors')?.status).toBe('missed');
  });
});

describe('the trend goals', () => {
  it('pairs the warm page with /login round by round: ≥ 70% is met', () => {
    const results = [
      row('warm-page', [
        { reqPerSec: 150, p50Ms: 1 },
        { reqPerSec: 70, p50Ms: 1 },
        { reqPerSec: 140, p50Ms: 1 },
      ]),
      row('login-page', [
        { reqPerSec: 200, p50Ms: 1 },
        { reqPerSec: 100, p50Ms: 1 },
        { reqPerSec: 250, p50Ms: 1 },
      ]),
    ];
    // Per round: 75%, 70%, 56% → 70%.
    const ratios = computeRatios(results, null, connections);
    expect(ratios.warmPageOverLogin).toBe(0.7);
    expect(evaluateGoals(ratios, 1).find((goal) => goal.goal === 'warm page ≥ 70% of /login req/s')?.status).toBe('met');
  });

  const cold = (extra: Partial<ColdViewResult>): ColdViewResult => ({
    id: 'cold-90d',
    label: 'cold',
    path: '/?range=90d',
    maxCalls: 16,
    maxMs: 1_500,
    latencyMs: 900,
    upstreamCalls: 16,
    complete: true,
    warmLatencyMs: 40,
    warmUpstreamCalls: 0,
    talkoverLatencyMs: 150,
    ...extra,
  });
  const statuses = (view: ColdViewResult) =>
    evaluateGoals(computeRatios([], null, connections), 1, [view])
      .filter((goal) => goal.goal.startsWith('/?range=90d'))
      .map((goal) => goal.status);

  it.each([
    ['within every limit', {}, ['met', 'met', 'met']],
    ['one call too many', { upstreamCalls: 17 }, ['missed', 'met', 'met']],
    ['too slow', { latencyMs: 1_501 }, ['met', 'missed', 'met']],
    ['fast but incomplete (a partial trend)', { complete: false }, ['met', 'missed', 'met']],
    ['a call when seen again', { warmUpstreamCalls: 1 }, ['met', 'met', 'missed']],
    ['not run', { latencyMs: null, failure: 'HTTP 500' }, ['not measured', 'not measured', 'not measured']],
  ] as const)('a cold view %s', (_name, extra, expected) => {
    expect(statuses(cold(extra))).toEqual(expected);
  });
});

describe('the shared-state goals', () => {
  const goal = (ratios: ReturnType<typeof computeRatios>, name: string) => evaluateGoals(ratios, 1).find((g) => g.goal === name);

  it('pairs warm /api/stats with Redis with the floor: ≥ 60% is met, under it missed', () => {
    const floor = row('floor', [
      { reqPerSec: 1000, p50Ms: 1 },
      { reqPerSec: 500, p50Ms: 1 },
    ]);
    const met = computeRatios(
      [
        floor,
        row('warm-api-redis', [
          { reqPerSec: 700, p50Ms: 1 },
          { reqPerSec: 300, p50Ms: 1 },
        ]),
      ],
      null,
      connections,
    );
    // Per round 70% and 60% → 65%.
    expect(met.warmRedisApiOverFloor).toBe(0.65);
    expect(goal(met, 'warm /api/stats with Redis ≥ 60% of floor req/s')).toEqual({
      goal: 'warm /api/stats with Redis ≥ 60% of floor req/s',
      value: '65.0%',
      status: 'met',
    });
    const missed = computeRatios([floor, row('warm-api-redis', [{ reqPerSec: 590, p50Ms: 1 }])], null, connections);
    expect(goal(missed, 'warm /api/stats with Redis ≥ 60% of floor req/s')?.status).toBe('missed');
  });

  it('counts both instances’ Talkover calls per minute against 80, apart from the single app', () => {
    const results = [
      row('mixed', [], { rounds: undefined, durationSeconds: 120, upstreamCalls: 150 }),
      row('mixed-redis', [], { rounds: undefined, durationSeconds: 120, upstreamCalls: 170 }),
    ];
    const ratios = computeRatios(results, null, connections);
    expect(ratios.mixedUpstreamCallsPerMinute).toBe(75);
    expect(ratios.sharedMixedUpstreamCallsPerMinute).toBe(85);
    const name = '≤ 80 upstream calls/min in total (mixed load, 2 instances + Redis)';
    expect(goal(ratios, name)).toEqual({ goal: name, value: '85.0', status: 'missed' });
    expect(goal(ratios, '≤ 80 upstream calls/min (mixed load)')?.status).toBe('met');
  });

  it('says "not measured" when there was no redis-server', () => {
    const ratios = computeRatios([row('floor', [{ reqPerSec: 1000, p50Ms: 1 }])], null, connections);
    expect(goal(ratios, 'warm /api/stats with Redis ≥ 60% of floor req/s')?.status).toBe('not measured');
    expect(goal(ratios, '≤ 80 upstream calls/min in total (mixed load, 2 instances + Redis)')?.status).toBe('not measured');
  });
});
