/**
 * The words of the trend, comparison and stepping controls, in one place for the coming
 * translations. Numbers and dates in them are formatted by lib/format.ts.
 */
import type { CompareMode } from './comparison-period';
import type { Interval } from './interval';

export const COMPARE_LABELS: Record<CompareMode, string> = {
  previous: 'Previous period',
  year: 'Same dates last year',
  off: 'No comparison',
};

/** "vs 2–31 Oct 2026 (the previous 30 days)". */
export function comparisonCaption(mode: Exclude<CompareMode, 'off'>, span: string, days: number): string {
  const what = mode === 'previous' ? `the previous ${days === 1 ? 'day' : `${days} days`}` : 'the same dates a year earlier';
  return `vs ${span} (${what})`;
}

export const INTERVAL_LABELS: Record<Interval, string> = { day: 'Day', week: 'Week', month: 'Month' };
const INTERVAL_UNITS: Record<Interval, [string, string]> = { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'] };

export function intervalUnit(interval: Interval, count: number): string {
  return INTERVAL_UNITS[interval][count === 1 ? 0 : 1];
}

export const TREND_LABELS = {
  heading: (interval: Interval) => `Received and answered per ${INTERVAL_UNITS[interval][0]}`,
  intervalGroup: 'Show per',
  tooFine: (interval: Interval) => `Too many ${INTERVAL_UNITS[interval][1]} for this range`,
  partialLegend: 'Lighter bars are partial: cut by the range or still running.',
  tableSummary: 'Show the chart as a table',
  tableCaption: (interval: Interval) => `Callbacks received and answered, and the answer rate, per ${INTERVAL_UNITS[interval][0]}`,
  period: 'Period',
  received: 'Received',
  answered: 'Answered',
  answerRate: 'Answer rate',
  note: 'Note',
  partial: 'Partial',
  notLoaded: 'Not loaded yet',
  incomplete: (loaded: number, total: number, interval: Interval) =>
    `${loaded} of ${total} ${intervalUnit(interval, total)} loaded; the rest as Talkover's rate limit allows.`,
  loadRest: 'Load the rest',
  staleBuckets: 'Some of these figures are the last ones Talkover sent before it became unavailable.',
  sumsDisagree: (bucketsSum: string, total: string, interval: Interval) =>
    `The ${intervalUnit(interval, 2)} add up to ${bucketsSum} callbacks received, not ${total}: Talkover draws each day's boundaries itself. The total above is the authoritative figure.`,
  sourcesHeading: 'Received per source agent over time',
  sourcesCaption: (interval: Interval) => `Callbacks received per source agent, per ${INTERVAL_UNITS[interval][0]}`,
  sourceColumn: 'Source agent',
  trendColumn: 'Trend',
  totalColumn: 'In the chart',
  sparkline: (name: string, first: string, last: string, peak: string, interval: Interval) =>
    `${name}: ${first} in the first ${INTERVAL_UNITS[interval][0]}, ${last} in the last, at most ${peak}`,
  loading: 'Loading the trend…',
} as const;

export const STEP_LABELS = {
  group: 'Step through time',
  previous: '← Previous period',
  next: 'Next period →',
  nextDisabled: 'The next period would end after today',
  keysHint: 'Keys ← and → step too.',
  download: 'Download CSV',
  compareGroup: 'Compare with',
} as const;

export const CHANGE_WORDS = {
  up: 'up',
  down: 'down',
  flat: 'no change',
  newValue: 'new',
  newSpoken: 'new: none in the earlier period',
  none: 'no change from 0',
  notComparable: 'no earlier figure to compare with',
  from: 'from',
  points: 'percentage points',
  comparisonFailed: 'The earlier period’s figures could not be loaded, so there is no comparison.',
} as const;
