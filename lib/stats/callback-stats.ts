import type { RawCallbackStats } from '../talkover';

/**
 * Talkover's raw figures → what the dashboard shows: totals, rates, and sources sorted by count
 * with their share. Pure, so the page, the route handler and the tests agree on every number.
 */
export type SourceStat = { id: string; name: string; count: number; share: number | null };

export type CallbackStats = {
  period: { start: string; end: string; timeZone: string };
  totals: { received: number; answered: number; unmatched: number; notAnswered: number };
  /** Fractions in 0..1; null when nothing was received (0 of 0 is not 0%). */
  rates: { answerRate: number | null; unmatchedRate: number | null };
  sources: SourceStat[];
  /** Talkover does not promise per-source counts add up to the total: keep both sides visible. */
  attribution: { attributed: number; unattributed: number };
  fetchedAt: string;
  /** Where the figures came from: `stale` means Talkover failed and these are the last good ones. */
  source: StatsSource;
};

export type StatsSource = { cache: 'hit' | 'miss' | 'stale'; upstreamMs: number };

/** A type-only import: this module stays free of server-only code. */
export type RawStatsInput = RawCallbackStats;

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function toCallbackStats(raw: RawStatsInput, context: { timeZone: string; fetchedAt: Date; source?: StatsSource }): CallbackStats {
  const received = raw.total_callbacks_received;
  const answered = raw.callbacks_answered;
  const sources = raw.callbacks_by_source_agent
    .map((source) => ({
      id: source.source_agent_id,
      name: source.name,
      count: source.count,
      share: ratio(source.count, received),
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const attributed = sources.reduce((sum, source) => sum + source.count, 0);

  return {
    period: { start: raw.period.start, end: raw.period.end, timeZone: context.timeZone },
    totals: {
      received,
      answered,
      unmatched: raw.callbacks_unmatched,
      notAnswered: Math.max(received - answered, 0),
    },
    rates: { answerRate: ratio(answered, received), unmatchedRate: ratio(raw.callbacks_unmatched, received) },
    sources,
    attribution: { attributed, unattributed: Math.max(received - attributed, 0) },
    fetchedAt: context.fetchedAt.toISOString(),
    source: context.source ?? { cache: 'miss', upstreamMs: 0 },
  };
}

/** How many more callbacks the sources claim than were received (0 when they add up or fall short). */
export function overAttributed(stats: Pick<CallbackStats, 'attribution' | 'totals'>): number {
  return Math.max(stats.attribution.attributed - stats.totals.received, 0);
}
