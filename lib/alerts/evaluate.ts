import type { CallbackStats } from '../stats/callback-stats';
import { isRateMetric, type AlertCondition, type AlertMetric } from './rule';

/**
 * The value a rule watches, and whether it breaches or is back past the threshold. Pure.
 */

/** The metric's value in the figures; null for a rate when nothing was received (0 of 0 is not 0%). */
export function metricValue(metric: AlertMetric, stats: Pick<CallbackStats, 'totals' | 'rates'>): number | null {
  switch (metric) {
    case 'answer_rate':
      return stats.rates.answerRate;
    case 'unmatched_rate':
      return stats.rates.unmatchedRate;
    case 'received':
      return stats.totals.received;
    case 'answered':
      return stats.totals.answered;
    case 'not_answered':
      return stats.totals.notAnswered;
  }
}

/** One percentage point for rates. */
export const RATE_RESOLVE_MARGIN = 0.01;
/** Five per cent of the threshold for counts. */
export const COUNT_RESOLVE_MARGIN = 0.05;

/** How far past the threshold a firing rule's value must come back before it resolves. */
export function resolveMargin(rule: Pick<AlertCondition, 'metric' | 'threshold'>): number {
  return isRateMetric(rule.metric) ? RATE_RESOLVE_MARGIN : Math.abs(rule.threshold) * COUNT_RESOLVE_MARGIN;
}

export function isBreached(rule: Pick<AlertCondition, 'comparator' | 'threshold'>, value: number): boolean {
  return rule.comparator === 'below' ? value < rule.threshold : value > rule.threshold;
}

/**
 * Back past the threshold by the margin. Between the threshold and the margin a firing rule stays
 * firing and an ok rule stays ok, so a value hovering at the threshold notifies nothing.
 */
export function isClearlyResolved(rule: Pick<AlertCondition, 'metric' | 'comparator' | 'threshold'>, value: number): boolean {
  // Rounded so 0.81 - 0.80 counts as a full point despite floating point.
  const margin = resolveMargin(rule);
  const distance = rule.comparator === 'below' ? value - rule.threshold : rule.threshold - value;
  return Math.round((distance - margin) * 1e9) >= 0;
}
