import type { CallbackStats } from './callback-stats';
import { COUNT_FIGURES, RATE_FIGURES, toFigureJson } from './figures';

/** The public JSON of `GET /api/stats` (snake_case, documented in the README). */
export function toStatsJson(stats: CallbackStats) {
  return {
    period: { start_date: stats.period.start, end_date: stats.period.end, timezone: stats.period.timeZone },
    totals: toFigureJson(COUNT_FIGURES, (figure) => figure.read(stats)),
    rates: toFigureJson(RATE_FIGURES, (figure) => figure.read(stats)),
    sources: stats.sources.map(({ id, name, count, share }) => ({ id, name, count, share })),
    attribution: stats.attribution,
    meta: { fetched_at: stats.fetchedAt, cache: stats.source.cache, stale: stats.source.cache === 'stale' },
  };
}
