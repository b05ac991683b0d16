import { describe, expect, test } from 'vitest';
import { toCallbackStats } from '@/lib/stats/callback-stats';
import { toComparisonJson, toStatsChange } from '@/lib/stats/comparison';
import { FIGURES } from '@/lib/stats/figures';
import { toStatsJson } from '@/lib/stats/stats-json';
import enMessages from '@/messages/en.json';
import ptMessages from '@/messages/pt-BR.json';

const raw = (received: number, answered: number, unmatched: number) => ({
  period: { start: '2026-11-01', end: '2026-11-30' },
  total_callbacks_received: received,
  callbacks_answered: answered,
  callbacks_unmatched: unmatched,
  callbacks_by_source_agent: [],
});
const stats = (received: number, answered: number, unmatched: number) =>
  toCallbackStats(raw(received, answered, unmatched), { timeZone: 'UTC', fetchedAt: new Date('2026-12-01T00:00:00Z') });

describe('the table of figures', () => {
  test('lists the six figures once each, in the order the page shows them', () => {
    expect(FIGURES.map((figure) => figure.key)).toEqual(['received', 'answered', 'answerRate', 'unmatched', 'unmatchedRate', 'notAnswered']);
  });

  test.each(FIGURES.map((figure) => [figure.key, figure] as const))('%s reads its value from the figures', (_key, figure) => {
    const values = { received: 200, answered: 150, answerRate: 0.75, unmatched: 10, unmatchedRate: 0.05, notAnswered: 50 };
    expect(figure.read(stats(200, 150, 10))).toBe(values[figure.key]);
  });

  test.each(FIGURES.map((figure) => [figure.key] as const))('%s has a label and a hint in both catalogs', (key) => {
    for (const messages of [enMessages, ptMessages]) {
      expect(messages.Kpi[key]).toBeTruthy();
      expect(messages.Kpi[`${key}Hint`]).toBeTruthy();
      expect(messages.Export[key]).toBeTruthy();
    }
  });

  test('the JSON and the change maths name every figure the table has', () => {
    const now = stats(220, 176, 11);
    const then = stats(200, 150, 10);
    const json = toStatsJson(now);
    expect(Object.keys({ ...json.totals, ...json.rates }).sort()).toEqual(FIGURES.map((figure) => figure.json).sort());
    const change = toStatsChange(now, then);
    expect(change.received).toBeCloseTo(0.1);
    expect(change.answerRate).toBeCloseTo(5);
    expect(change.notAnswered).toBeCloseTo(-0.12);
    const comparison = toComparisonJson(now, {
      mode: 'previous',
      period: { start: '2026-10-02', end: '2026-10-31' },
      earlier: then,
      error: null,
    });
    expect(comparison.change).toEqual({
      received: 0.1,
      answered: 0.1733,
      answer_rate: 5,
      unmatched: 0.1,
      unmatched_rate: 0,
      not_answered: -0.12,
    });
  });
});
