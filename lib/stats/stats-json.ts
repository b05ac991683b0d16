import type { CallbackStats } from './callback-stats';

/** The public JSON of `GET /api/stats` (snake_case, documented in the README). */
export function toStatsJson(stats: CallbackStats) {
  return {
    period: { start_date: stats.period.start, end_date: stats.period.end, timezone: stats.period.timeZone },
    totals: {
      received: stats.totals.received,
      answered: stats.totals.answered,
      unmatched: stats.totals.unmatched,
      not_answered: stats.totals.notAnswered,
    },
    rates: { answer_rate: stats.rates.answerRate, unmatched_rate: stats.rates.unmatchedRate },
    sources: stats.sources.map(({ id, name, count, share }) => ({ id, name, count, share })),
    attribution: stats.attribution,
    meta: { fetched_at: stats.fetchedAt, cache: stats.source.cache, stale: stats.source.cache === 'stale' },
  };
}
