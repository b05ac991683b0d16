/**
 * A range's figures against an earlier period's: the change of every KPI and of every source.
 * Pure, so the cards, the source table, the JSON and the CSV agree on every change.
 */
import type { CompareMode, DayRange } from '../trends/comparison-period';
import { pointsChange, relativeChange, roundChange } from '../trends/change';
import type { CallbackStats } from './callback-stats';

/** Counts as relative fractions (0.052 = +5.2%), rates in percentage points; null when undefined. */
export type StatsChange = {
  received: number | null;
  answered: number | null;
  unmatched: number | null;
  notAnswered: number | null;
  answerRate: number | null;
  unmatchedRate: number | null;
};

/** The earlier period's figures, or why they could not be had (the range's own still show). */
export type Comparison = {
  mode: Exclude<CompareMode, 'off'>;
  period: DayRange;
  earlier: CallbackStats | null;
  error: { code: string; message: string } | null;
};

export function toStatsChange(current: CallbackStats, earlier: CallbackStats): StatsChange {
  const counts = (pick: (stats: CallbackStats) => number) => relativeChange(pick(current), pick(earlier));
  return {
    received: counts((stats) => stats.totals.received),
    answered: counts((stats) => stats.totals.answered),
    unmatched: counts((stats) => stats.totals.unmatched),
    notAnswered: counts((stats) => stats.totals.notAnswered),
    answerRate: pointsChange(current.rates.answerRate, earlier.rates.answerRate),
    unmatchedRate: pointsChange(current.rates.unmatchedRate, earlier.rates.unmatchedRate),
  };
}

/** The earlier count of a source (0 when it had none then), by source id. */
export function earlierSourceCounts(earlier: CallbackStats): Map<string, number> {
  return new Map(earlier.sources.map((source) => [source.id, source.count]));
}

/** `comparison` in `GET /api/stats`: period, totals, rates, change and sources, snake_case. */
export function toComparisonJson(current: CallbackStats, comparison: Comparison) {
  const period = { start_date: comparison.period.start, end_date: comparison.period.end, compare: comparison.mode };
  const { earlier } = comparison;
  if (!earlier) return { period, totals: null, rates: null, change: null, sources: null, error: comparison.error };
  const change = toStatsChange(current, earlier);
  const relative = (value: number | null) => roundChange(value, 4);
  const points = (value: number | null) => roundChange(value, 2);
  return {
    period,
    totals: {
      received: earlier.totals.received,
      answered: earlier.totals.answered,
      unmatched: earlier.totals.unmatched,
      not_answered: earlier.totals.notAnswered,
    },
    rates: { answer_rate: earlier.rates.answerRate, unmatched_rate: earlier.rates.unmatchedRate },
    change: {
      received: relative(change.received),
      answered: relative(change.answered),
      unmatched: relative(change.unmatched),
      not_answered: relative(change.notAnswered),
      answer_rate: points(change.answerRate),
      unmatched_rate: points(change.unmatchedRate),
    },
    sources: earlier.sources.map(({ id, name, count }) => ({ id, name, count })),
    error: null,
  };
}
