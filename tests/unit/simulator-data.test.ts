// Tests for the Talkover SIMULATOR's data (demo mode and tests only), not for Talkover itself.
// The dashboard's "unattributed" and sorting paths depend on these invariants holding exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_AGENTS, SOURCE_AGENTS, getAgentRecentStats, getStatsForRange, type CallbackStatsData } from '../../simulator/data';
import { formatDay, parseDay, weekdayOf } from '../../simulator/dates';

function daysOf(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = parseDay(start)!; day <= parseDay(end)!; day++) days.push(formatDay(day));
  return days;
}

const countOf = (data: CallbackStatsData, id: string) =>
  data.callbacks_by_source_agent.find((source) => source.source_agent_id === id)?.count ?? 0;

const RANGES = [
  ['2024-01-01', '2024-01-31'],
  ['2023-12-20', '2024-01-10'],
  ['2024-02-26', '2024-03-03'],
  ['2024-06-15', '2024-06-16'],
] as const;

describe('simulator data', () => {
  it.each(RANGES)('is deterministic for %s..%s', (start, end) => {
    expect(getStatsForRange(start, end)).toEqual(getStatsForRange(start, end));
  });

  it.each(RANGES)('makes %s..%s the sum of its days', (start, end) => {
    const range = getStatsForRange(start, end);
    const days = daysOf(start, end).map((day) => getStatsForRange(day, day));
    const sum = (pick: (data: CallbackStatsData) => number) => days.reduce((acc, day) => acc + pick(day), 0);
    expect(range.total_callbacks_received).toBe(sum((d) => d.total_callbacks_received));
    expect(range.callbacks_answered).toBe(sum((d) => d.callbacks_answered));
    expect(range.callbacks_unmatched).toBe(sum((d) => d.callbacks_unmatched));
    for (const agent of SOURCE_AGENTS) expect(countOf(range, agent.id)).toBe(sum((d) => countOf(d, agent.id)));
  });

  it.each(daysOf('2024-01-01', '2024-03-31'))('keeps the contract invariants on %s', (day) => {
    const data = getStatsForRange(day, day);
    const attributed = data.callbacks_by_source_agent.reduce((acc, source) => acc + source.count, 0);
    expect(data.period).toEqual({ start: day, end: day });
    expect(data.total_callbacks_received).toBe(attributed + data.callbacks_unmatched);
    expect(data.callbacks_answered).toBeLessThanOrEqual(data.total_callbacks_received);
    expect(data.callbacks_unmatched).toBeLessThanOrEqual(6);
    for (const source of data.callbacks_by_source_agent) {
      expect(source.count).toBeGreaterThan(0);
      expect(source.count).toBeLessThanOrEqual(40);
    }
  });

  it('lists sources by id, not by count, and names them', () => {
    const list = getStatsForRange('2024-01-01', '2024-01-31').callbacks_by_source_agent;
    const ids = list.map((source) => source.source_agent_id);
    expect(ids).toEqual([...ids].sort());
    expect(list.map((source) => source.count)).not.toEqual([...list.map((s) => s.count)].sort((a, b) => b - a));
    const names = new Map(SOURCE_AGENTS.map((agent) => [agent.id, agent.name]));
    for (const source of list) expect(source.name).toBe(names.get(source.source_agent_id));
  });

  it('answers 70-90% of a month and has some unmatched calls', () => {
    const data = getStatsForRange('2024-01-01', '2024-01-31');
    const rate = data.callbacks_answered / data.total_callbacks_received;
    expect(rate).toBeGreaterThan(0.7);
    expect(rate).toBeLessThan(0.9);
    expect(data.callbacks_unmatched).toBeGreaterThan(0);
  });

  it('gives the collections agent no callbacks on most weekends, and omits it then', () => {
    const isWeekend = (day: string) => [0, 6].includes(weekdayOf(parseDay(day)!));
    const weekends = daysOf('2024-01-01', '2024-12-31').filter(isWeekend);
    const idle = weekends.filter((day) => countOf(getStatsForRange(day, day), 'src-cobranca') === 0);
    expect(idle.length / weekends.length).toBeGreaterThan(0.6);
    const ids = getStatsForRange(idle[0]!, idle[0]!).callbacks_by_source_agent.map((s) => s.source_agent_id);
    expect(ids).not.toContain('src-cobranca');
  });

  it('varies volume by weekday and by agent', () => {
    const year = daysOf('2024-01-01', '2024-12-31');
    const weekdayTotal = (wanted: number[]) =>
      year
        .filter((day) => wanted.includes(weekdayOf(parseDay(day)!)))
        .reduce((acc, day) => acc + getStatsForRange(day, day).total_callbacks_received, 0);
    expect(weekdayTotal([1]) / 52).toBeGreaterThan(2 * (weekdayTotal([0]) / 52));
    const month = getStatsForRange('2024-01-01', '2024-01-31');
    expect(countOf(month, 'src-vendas')).toBeGreaterThan(2 * countOf(month, 'src-pesquisa'));
  });

  it.each([
    ['2024-02-30', '2024-03-01'],
    ['2024-1-01', '2024-01-02'],
    ['2024-01-02', '2024-01-01'],
  ])('rejects %s..%s', (start, end) => {
    expect(() => getStatsForRange(start, end)).toThrow(RangeError);
  });

  it('splits a 30-day window across callback agents: each routed source once, the unrouted one nowhere', () => {
    const perAgent = CALLBACK_AGENTS.map((agent) => getAgentRecentStats(agent.id, '2024-03-15')!);
    const whole = getStatsForRange('2024-02-15', '2024-03-15');
    const unrouted = whole.callbacks_by_source_agent.find((source) => source.source_agent_id === 'src-renovacao')!.count;
    const sum = (key: 'total_callbacks_received' | 'callbacks_answered') => perAgent.reduce((acc, stats) => acc + stats[key], 0);
    expect(unrouted).toBeGreaterThan(0);
    expect(sum('total_callbacks_received')).toBe(whole.total_callbacks_received - unrouted);
    expect(sum('callbacks_answered')).toBeLessThanOrEqual(whole.callbacks_answered);
    expect(getAgentRecentStats('src-vendas', '2024-03-15')).toBeNull();
  });
});

describe('before the environment went live', () => {
  it('has no callbacks, and a range across the go-live day counts only the days after it', () => {
    const before = getStatsForRange('2023-01-01', '2023-12-31');
    expect(before.total_callbacks_received).toBe(0);
    expect(before.callbacks_by_source_agent).toEqual([]);
    expect(getStatsForRange('2023-12-01', '2024-01-10')).toEqual({
      ...getStatsForRange('2024-01-01', '2024-01-10'),
      period: { start: '2023-12-01', end: '2024-01-10' },
    });
  });
});

describe('sub-ranges', () => {
  it('any split of a range into consecutive sub-ranges sums exactly to the range (fast-check)', () => {
    const first = parseDay('2023-11-01')!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }),
        (offset, lengths) => {
          const start = first + offset;
          const parts: CallbackStatsData[] = [];
          let cursor = start;
          for (const length of lengths) {
            parts.push(getStatsForRange(formatDay(cursor), formatDay(cursor + length - 1)));
            cursor += length;
          }
          const whole = getStatsForRange(formatDay(start), formatDay(cursor - 1));
          const sum = (pick: (data: CallbackStatsData) => number) => parts.reduce((acc, part) => acc + pick(part), 0);
          expect(whole.total_callbacks_received).toBe(sum((d) => d.total_callbacks_received));
          expect(whole.callbacks_answered).toBe(sum((d) => d.callbacks_answered));
          expect(whole.callbacks_unmatched).toBe(sum((d) => d.callbacks_unmatched));
          for (const agent of SOURCE_AGENTS) expect(countOf(whole, agent.id)).toBe(sum((d) => countOf(d, agent.id)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
