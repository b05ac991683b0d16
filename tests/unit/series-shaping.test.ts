// Shaping a series: whether its buckets agree with the range's total, and per-source rows that
// stay readable with many sources.
import { describe, expect, test } from 'vitest';
import { toCallbackStats } from '@/lib/stats/callback-stats';
import { bucketsDisagreeBy, toSourceTrends, type CallbackSeries } from '@/lib/stats/series';

function statsOf(received: number, sources: [string, number][]) {
  return toCallbackStats(
    {
      period: { start: '2026-01-01', end: '2026-01-01' },
      total_callbacks_received: received,
      callbacks_answered: Math.floor(received / 2),
      callbacks_unmatched: 0,
      callbacks_by_source_agent: sources.map(([id, count]) => ({ source_agent_id: id, name: `Name ${id}`, count })),
    },
    { timeZone: 'UTC', fetchedAt: new Date('2026-01-02T00:00:00Z') },
  );
}

function seriesOf(points: (ReturnType<typeof statsOf> | null)[]): CallbackSeries {
  const buckets = points.map((_, index) => ({ start: `2026-01-0${index + 1}`, end: `2026-01-0${index + 1}`, partial: false }));
  return {
    period: { start: '2026-01-01', end: `2026-01-0${points.length}`, timeZone: 'UTC' },
    interval: 'day',
    weekStart: 'monday',
    points: points.map((stats, index) => ({ bucket: buckets[index]!, stats })),
    missing: buckets.filter((_, index) => points[index] === null),
    fetchedAt: null,
    stale: false,
    firstError: null,
  };
}

describe('bucketsDisagreeBy', () => {
  test.each([
    ['agree', [10, 20], 30, 0],
    ['buckets above the total', [10, 21], 30, 1],
    ['buckets below the total', [10, 18], 30, -2],
  ])('%s', (_name, counts, total, expected) => {
    expect(bucketsDisagreeBy(seriesOf(counts.map((count) => statsOf(count, []))), total)).toBe(expected);
  });

  test('says nothing while buckets are missing', () => {
    expect(bucketsDisagreeBy(seriesOf([statsOf(10, []), null]), 30)).toBeNull();
  });
});

describe('toSourceTrends', () => {
  test('the ten largest sources over the series, the rest in one row; missing buckets are gaps', () => {
    const sources: [string, number][] = Array.from({ length: 12 }, (_, n) => [`s${String(n).padStart(2, '0')}`, 12 - n]);
    const names = new Map(sources.map(([id]) => [id, `Name ${id}`]));
    const trends = toSourceTrends(seriesOf([statsOf(100, sources), null, statsOf(100, sources)]), names, {
      unnamed: (id) => `Unnamed agent (${id})`,
      otherSources: (count) => `Other sources (${count})`,
    });
    expect(trends).toHaveLength(11);
    expect(trends[0]).toEqual({ key: 's00', label: 'Name s00', counts: [12, null, 12], total: 24 });
    expect(trends.at(-1)).toEqual({ key: 'other', label: 'Other sources (2)', counts: [3, null, 3], total: 6 });
  });
});
