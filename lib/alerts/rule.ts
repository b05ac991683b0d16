/**
 * What an alert rule is, in the names of the API contract. Pure: shared by the checker, the
 * routes, the pages and the tests.
 */
export const ALERT_METRICS = ['answer_rate', 'unmatched_rate', 'received', 'answered', 'not_answered'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const ALERT_WINDOWS = ['today', 'yesterday', 'last_7_days'] as const;
export type AlertWindow = (typeof ALERT_WINDOWS)[number];

export const ALERT_COMPARATORS = ['below', 'above'] as const;
export type AlertComparator = (typeof ALERT_COMPARATORS)[number];

export const ALERT_STATES = ['ok', 'firing', 'unknown'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const WEBHOOK_FORMATS = ['slack', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Days as `Date.getUTCDay()` numbers them after shifting to the app's timezone: 0 is Sunday. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const RATE_METRICS: readonly AlertMetric[] = ['answer_rate', 'unmatched_rate'];
export const isRateMetric = (metric: AlertMetric): boolean => RATE_METRICS.includes(metric);

/** A rule says when it is breached. Rates are fractions in 0..1, like `GET /api/stats`. */
export type AlertCondition = {
  metric: AlertMetric;
  window: AlertWindow;
  comparator: AlertComparator;
  threshold: number;
  /** "HH:MM" in APP_TIMEZONE: the rule is checked only from then on (a quiet morning is no alert). */
  after?: string | null;
  /** The days it is checked on; every day when absent. */
  weekdays?: readonly Weekday[] | null;
};

/** A rule that stays firing is reminded this often; null: never. */
export const DEFAULT_REMIND_EVERY_HOURS = 24;
