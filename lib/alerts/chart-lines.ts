import 'server-only';
import { getDb } from '../db';
import { logError } from '../log';
import type { AlertComparator } from './rule';
import { listRules, type AlertRule } from './store';

/** An answer-rate rule's threshold as the trend chart draws it: a dashed line on the rate axis. */
export type ThresholdLine = { ruleId: string; name: string; comparator: AlertComparator; threshold: number };

/** More lines than this would bury the trend: the first rules made are drawn. */
export const MAX_THRESHOLD_LINES = 3;

/**
 * The active answer-rate rules as lines for the trend chart (the only rate the chart plots).
 * Pure, so the choice is tested without a database.
 */
export function thresholdLinesOf(rules: readonly AlertRule[]): ThresholdLine[] {
  return rules
    .filter((rule) => rule.metric === 'answer_rate' && !rule.paused)
    .slice(0, MAX_THRESHOLD_LINES)
    .map((rule) => ({ ruleId: rule.id, name: rule.name, comparator: rule.comparator, threshold: rule.threshold }));
}

/** The lines for the stats page; without the database the chart simply has none. */
export async function getThresholdLines(): Promise<ThresholdLine[]> {
  try {
    return thresholdLinesOf(await listRules(await getDb(), { includePaused: false }));
  } catch (error) {
    logError('alert_lines_unavailable', error);
    return [];
  }
}
