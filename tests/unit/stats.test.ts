import { describe, expect, it, test } from 'vitest';
import { createTranslator } from 'next-intl';
import en from '@/messages/en.json';
import ptBR from '@/messages/pt-BR.json';
import { toChartRows, toSourceRows as toRows, type RowLabels } from '@/lib/stats/source-rows';
import { overAttributed, ratio, toCallbackStats, type RawStatsInput } from '@/lib/stats/callback-stats';
import { toStatsJson } from '@/lib/stats/stats-json';
import { DOCUMENTED_STATS_RESPONSE } from '../fixtures/talkover';

/** The rows' words as the page builds them, from a catalog. */
function rowLabels(locale: 'en' | 'pt-BR'): RowLabels {
  const t = createTranslator({ locale, messages: locale === 'en' ? en : ptBR, namespace: 'Sources' });
  return { unattributed: t('unattributed'), unnamed: (id) => t('unnamed', { id }), otherSources: (count) => t('otherSources', { count }) };
}
const EN = rowLabels('en');
const toSourceRows = (stats: Parameters<typeof toRows>[0]) => toRows(stats, EN);

const FETCHED_AT = new Date('2026-03-15T12:00:00Z');
const CONTEXT = { timeZone: 'America/Sao_Paulo', fetchedAt: FETCHED_AT };

/** The README's example answer (`data` of GET /callback-agents/stats). */
const EXAMPLE: RawStatsInput = DOCUMENTED_STATS_RESPONSE.data;

function raw(overrides: Partial<RawStatsInput>): RawStatsInput {
  return { ...EXAMPLE, ...overrides };
}

const source = (id: string, name: string, count: number) => ({ source_agent_id: id, name, count });

describe('toCallbackStats', () => {
  test('the documented example', () => {
    expect(toCallbackStats(EXAMPLE, CONTEXT)).toEqual({
      period: { start: '2024-01-01', end: '2024-01-31', timeZone: 'America/Sao_Paulo' },
      totals: { received: 184, answered: 142, unmatched: 12, notAnswered: 42 },
      rates: { answerRate: 142 / 184, unmatchedRate: 12 / 184 },
      sources: [
        { id: 'agent-uuid-2', name: 'Sales Outbound', count: 110, share: 110 / 184 },
        { id: 'agent-uuid-3', name: 'Survey Outbound', count: 74, share: 74 / 184 },
      ],
      attribution: { attributed: 184, unattributed: 0 },
      fetchedAt: '2026-03-15T12:00:00.000Z',
      source: { cache: 'miss', upstreamMs: 0 },
    });
  });

  test.each([
    { received: 184, answered: 142, unmatched: 12, answerRate: 142 / 184, unmatchedRate: 12 / 184 },
    { received: 4, answered: 3, unmatched: 1, answerRate: 0.75, unmatchedRate: 0.25 },
    { received: 10, answered: 10, unmatched: 0, answerRate: 1, unmatchedRate: 0 },
    { received: 10, answered: 0, unmatched: 10, answerRate: 0, unmatchedRate: 1 },
    // 0 of 0 is no rate at all, not 0%.
    { received: 0, answered: 0, unmatched: 0, answerRate: null, unmatchedRate: null },
  ])('rates for $answered answered, $unmatched unmatched of $received', (c) => {
    const stats = toCallbackStats(
      raw({ total_callbacks_received: c.received, callbacks_answered: c.answered, callbacks_unmatched: c.unmatched }),
      CONTEXT,
    );
    expect(stats.rates).toEqual({ answerRate: c.answerRate, unmatchedRate: c.unmatchedRate });
  });

  test.each([
    { received: 184, answered: 142, notAnswered: 42 },
    { received: 5, answered: 5, notAnswered: 0 },
    { received: 0, answered: 0, notAnswered: 0 },
    // Talkover does not promise answered ≤ received: never a negative count.
    { received: 5, answered: 7, notAnswered: 0 },
  ])('notAnswered for $answered of $received is $notAnswered', ({ received, answered, notAnswered }) => {
    const stats = toCallbackStats(raw({ total_callbacks_received: received, callbacks_answered: answered }), CONTEXT);
    expect(stats.totals).toMatchObject({ received, answered, notAnswered });
  });

  test('sources sorted by count descending, then by name, then by id', () => {
    const stats = toCallbackStats(
      raw({
        total_callbacks_received: 50,
        callbacks_by_source_agent: [
          source('id-c', 'Charlie', 5),
          source('id-z', 'Bravo', 10),
          source('id-b', 'Alpha', 5),
          source('id-y', 'Bravo', 10),
          source('id-a', 'Delta', 20),
          source('id-0', '', 0),
        ],
      }),
      CONTEXT,
    );
    expect(stats.sources.map((s) => [s.id, s.count])).toEqual([
      ['id-a', 20],
      ['id-y', 10],
      ['id-z', 10],
      ['id-b', 5],
      ['id-c', 5],
      ['id-0', 0],
    ]);
    expect(stats.sources.map((s) => s.share)).toEqual([0.4, 0.2, 0.2, 0.1, 0.1, 0]);
  });

  test('the input list is not reordered in place', () => {
    const list = [source('a', 'A', 1), source('b', 'B', 2)];
    toCallbackStats(raw({ callbacks_by_source_agent: list }), CONTEXT);
    expect(list.map((s) => s.source_agent_id)).toEqual(['a', 'b']);
  });

  test('shares are null when nothing was received', () => {
    const stats = toCallbackStats(
      raw({ total_callbacks_received: 0, callbacks_answered: 0, callbacks_by_source_agent: [source('a', 'A', 0)] }),
      CONTEXT,
    );
    expect(stats.sources).toEqual([{ id: 'a', name: 'A', count: 0, share: null }]);
  });

  test.each([
    { name: 'sums to the total', total: 184, counts: [110, 74], attributed: 184, unattributed: 0 },
    { name: 'falls short', total: 200, counts: [110, 74], attributed: 184, unattributed: 16 },
    { name: 'no sources', total: 30, counts: [], attributed: 0, unattributed: 30 },
    // Over-attribution: Talkover counted more per source than in total. Keep both, never negative.
    { name: 'over-attributes', total: 100, counts: [110, 74], attributed: 184, unattributed: 0 },
    { name: 'nothing at all', total: 0, counts: [], attributed: 0, unattributed: 0 },
  ])('attribution when per-source counts $name', ({ total, counts, attributed, unattributed }) => {
    const stats = toCallbackStats(
      raw({
        total_callbacks_received: total,
        callbacks_answered: 0,
        callbacks_by_source_agent: counts.map((count, i) => source(`s${i}`, `Source ${i}`, count)),
      }),
      CONTEXT,
    );
    expect(stats.attribution).toEqual({ attributed, unattributed });
  });

  test('over-attributed shares may exceed 1 and are not rescaled', () => {
    const stats = toCallbackStats(raw({ total_callbacks_received: 100, callbacks_by_source_agent: [source('a', 'A', 110)] }), CONTEXT);
    expect(stats.sources[0]!.share).toBe(1.1);
  });

  test('ratio', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
  });
});

describe('toStatsJson', () => {
  test('snake_case shape, exactly', () => {
    const stats = toCallbackStats(
      raw({
        total_callbacks_received: 200,
        callbacks_by_source_agent: [source('agent-uuid-3', 'Survey Outbound', 74), source('agent-uuid-2', 'Sales Outbound', 110)],
      }),
      CONTEXT,
    );
    expect(toStatsJson(stats)).toStrictEqual({
      period: { start_date: '2024-01-01', end_date: '2024-01-31', timezone: 'America/Sao_Paulo' },
      totals: { received: 200, answered: 142, unmatched: 12, not_answered: 58 },
      rates: { answer_rate: 0.71, unmatched_rate: 0.06 },
      sources: [
        { id: 'agent-uuid-2', name: 'Sales Outbound', count: 110, share: 0.55 },
        { id: 'agent-uuid-3', name: 'Survey Outbound', count: 74, share: 0.37 },
      ],
      attribution: { attributed: 184, unattributed: 16 },
      meta: { fetched_at: '2026-03-15T12:00:00.000Z', cache: 'miss', stale: false },
    });
  });

  test('null rates survive JSON serialisation as null', () => {
    const stats = toCallbackStats(
      raw({ total_callbacks_received: 0, callbacks_answered: 0, callbacks_unmatched: 0, callbacks_by_source_agent: [] }),
      CONTEXT,
    );
    const json = JSON.parse(JSON.stringify(toStatsJson(stats)));
    expect(json.rates).toEqual({ answer_rate: null, unmatched_rate: null });
    expect(json.sources).toEqual([]);
  });
});

describe('toSourceRows', () => {
  test('no Unattributed row when the sources add up', () => {
    expect(toSourceRows(toCallbackStats(EXAMPLE, CONTEXT))).toEqual([
      { key: 'agent-uuid-2', kind: 'source', label: 'Sales Outbound', count: 110, share: 110 / 184 },
      { key: 'agent-uuid-3', kind: 'source', label: 'Survey Outbound', count: 74, share: 74 / 184 },
    ]);
  });

  test('an Unattributed row last when they fall short', () => {
    const rows = toSourceRows(toCallbackStats(raw({ total_callbacks_received: 200 }), CONTEXT));
    expect(rows.at(-1)).toEqual({ key: 'unattributed', kind: 'unattributed', label: 'Unattributed', count: 16, share: 0.08 });
    expect(toRows(toCallbackStats(raw({ total_callbacks_received: 200 }), CONTEXT), rowLabels('pt-BR')).at(-1)?.label).toBe('Não atribuídos');
    expect(rows).toHaveLength(3);
  });

  test('no Unattributed row when over-attributed', () => {
    const rows = toSourceRows(toCallbackStats(raw({ total_callbacks_received: 100 }), CONTEXT));
    expect(rows.map((r) => r.kind)).toEqual(['source', 'source']);
  });

  test('only an Unattributed row when there are no sources', () => {
    const rows = toSourceRows(toCallbackStats(raw({ total_callbacks_received: 8, callbacks_by_source_agent: [] }), CONTEXT));
    expect(rows).toEqual([{ key: 'unattributed', kind: 'unattributed', label: 'Unattributed', count: 8, share: 1 }]);
  });

  test('no rows at all for an empty period', () => {
    const stats = toCallbackStats(
      raw({ total_callbacks_received: 0, callbacks_answered: 0, callbacks_unmatched: 0, callbacks_by_source_agent: [] }),
      CONTEXT,
    );
    expect(toSourceRows(stats)).toEqual([]);
  });

  test.each([
    { name: '', label: 'Unnamed agent (agent-7)' },
    { name: '', label: 'Agente sem nome (agent-7)', locale: 'pt-BR' as const },
    { name: '   ', label: 'Unnamed agent (agent-7)' },
    { name: '  Sales  ', label: 'Sales' },
    { name: '<b>Vendas</b>', label: '<b>Vendas</b>' },
  ])('name $name is labelled $label', ({ name, label, locale }) => {
    const rows = toRows(
      toCallbackStats(raw({ total_callbacks_received: 3, callbacks_by_source_agent: [source('agent-7', name, 3)] }), CONTEXT),
      rowLabels(locale ?? 'en'),
    );
    expect(rows).toEqual([{ key: 'agent-7', kind: 'source', label, count: 3, share: 1 }]);
  });
});

describe('chart rows and over-attribution', () => {
  const source = (index: number, count: number) => ({
    key: `src-${index}`,
    kind: 'source' as const,
    label: `Agent ${index}`,
    count,
    share: count / 1000,
  });

  it('keeps every row when there are at most ten sources', () => {
    const rows = Array.from({ length: 10 }, (_, index) => source(index, 100 - index));
    expect(toChartRows(rows, EN)).toEqual(rows);
  });

  it('folds the sources past the tenth into one "Other sources" bar, before Unattributed', () => {
    const rows = [
      ...Array.from({ length: 13 }, (_, index) => source(index, 100 - index)),
      { key: 'unattributed', kind: 'unattributed' as const, label: 'Unattributed', count: 5, share: 0.005 },
    ];
    const bars = toChartRows(rows, EN);
    expect(bars).toHaveLength(12);
    expect(bars[10]).toEqual({ key: 'other', kind: 'other', label: 'Other sources (3)', count: 90 + 89 + 88, share: expect.closeTo(0.267, 10) });
    expect(toChartRows(rows, rowLabels('pt-BR'))[10]?.label).toBe('Outras origens (3)');
    expect(bars[11]?.kind).toBe('unattributed');
  });

  test.each([
    [100, 120, 20],
    [100, 100, 0],
    [100, 80, 0],
  ])('received %i, attributed %i → %i over-attributed', (received, attributed, expected) => {
    expect(
      overAttributed({ totals: { received, answered: 0, unmatched: 0, notAnswered: 0 }, attribution: { attributed, unattributed: 0 } }),
    ).toBe(expected);
  });
});
