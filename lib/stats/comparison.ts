/**
 * A range's figures against an earlier period's: the change of every KPI and of every source.
 * Pure, so the cards, the source table, the JSON and the CSV agree on every change.
 */
import type { CompareMode, DayRange } from '../view/comparison-period';
import { pointsChange, relativeChange, roundChange } from '../trends/change';
import type { CallbackStats } from './callback-stats';
import { COUNT_FIGURES, FIGURES, RATE_FIGURES, toFigureJson, type Figure, type FigureKey } from './figures';

/** Counts as relative fractions (0.052 = +5.2%), rates in percentage points; null when undefined. */
export type StatsChange = Record<FigureKey, number | null>;

/** How one figure moved: relatively for counts, in percentage points for rates. */
export function figureChange(figure: Figure, current: CallbackStats, earlier: CallbackStats): number | null {
  return figure.kind === 'count'
    ? relativeChange(figure.read(current), figure.read(earlier))
    : pointsChange(figure.read(current), figure.read(earlier));
}

/** The earlier period's figures, or why they could not be had (the range's own still show). */
export type Comparison = {
  mode: Exclude<CompareMode, 'off'>;
  period: DayRange;
  earlier: CallbackStats | null;
  error: { code: string; message: string } | null;
};

export function toStatsChange(current: CallbackStats, earlier: CallbackStats): StatsChange {
  return Object.fromEntries(FIGURES.map((figure) => [figure.key, figureChange(figure, current, earlier)])) as StatsChange;
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
  // Relative changes to 4 decimals (0.0523 = +5.23%), percentage points to 2.
  const rounded = (figure: Figure) => roundChange(figureChange(figure, current, earlier), figure.kind === 'count' ? 4 : 2);
  return {
    period,
    totals: toFigureJson(COUNT_FIGURES, (figure) => figure.read(earlier)),
    rates: toFigureJson(RATE_FIGURES, (figure) => figure.read(earlier)),
    change: toFigureJson(FIGURES, rounded),
    sources: earlier.sources.map(({ id, name, count }) => ({ id, name, count })),
    error: null,
  };
}
