import { describe, expect, it } from 'vitest';
import { parseBenchArgs, wantsSideBySide } from '@/scripts/lib/bench/args';
import type { ScenarioResult } from '@/scripts/lib/bench/measurement';
import { roundRatio, sideBySideGoals } from '@/scripts/lib/bench/side-by-side';

const row = (id: string, perRound: number[]): ScenarioResult => ({
  id,
  label: id,
  target: id,
  connections: 10,
  durationSeconds: 9,
  requests: 1,
  reqPerSec: perRound[0] ?? null,
  p50Ms: 1,
  p99Ms: 2,
  errors: 0,
  errorKinds: {},
  upstreamCalls: 0,
  rounds: perRound.map((reqPerSec) => ({ reqPerSec, p50Ms: 1 })),
});

describe('bench arguments', () => {
  it('reads --quick, --against in both spellings and --profile', () => {
    expect(parseBenchArgs([])).toEqual({ quick: false, against: null, profile: false });
    expect(parseBenchArgs(['--quick', '--against', 'main'])).toEqual({ quick: true, against: 'main', profile: false });
    expect(parseBenchArgs(['--against=7958537']).against).toBe('7958537');
    expect(wantsSideBySide(parseBenchArgs(['--profile']))).toBe(true);
    expect(wantsSideBySide(parseBenchArgs([]))).toBe(false);
  });

  it('names what is wrong with an option', () => {
    expect(() => parseBenchArgs(['--against'])).toThrow(/needs a git ref/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
  });
});

describe('side-by-side ratios', () => {
  it('pairs rounds and takes the median of their ratios', () => {
    const results = [row('a', [100, 50, 90]), row('b', [200, 50, 100])];
    expect(roundRatio(results, 'a', 'b')).toBe(0.9);
    expect(roundRatio(results, 'a', 'missing')).toBeNull();
  });

  it('judges the goals against the fixture and, with a second build, against it', () => {
    const results = [
      row('fixture-route', [100]),
      row('fixture-page', [100]),
      row('now:health', [90]),
      row('now:warm-api', [60]),
      row('now:warm-page', [40]),
      row('now:login', [50]),
      row('old:health', [80]),
      row('old:login', [50]),
      row('old:warm-api', [60]),
      row('old:warm-page', [20]),
    ];
    const goals = sideBySideGoals({
      date: '',
      shape: { durationSeconds: 3, rounds: 1, warmupSeconds: 0, connections: 10 },
      sides: ['now', 'old'],
      results,
    });
    const met = Object.fromEntries(goals.map((goal) => [goal.goal, goal.ratio !== null && goal.ratio >= goal.target]));
    expect(met).toEqual({
      '/api/health ≥ 80% of the bare route handler': true,
      'warm /api/stats ≥ 70% of the bare route handler': false,
      'warm page ≥ 50% of the bare dynamic page': false,
      'warm page ≥ 70% of /login': true,
      '/api/health at least as fast as old': true,
      '/login at least as fast as old': true,
      'warm /api/stats at least as fast as old': true,
      "default warm page ≥ 1.3× old's warm page": true,
    });
  });
});
