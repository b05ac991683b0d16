import { describe, expect, test } from 'vitest';
import {
  callbackStatsResponseSchema,
  callbackStatsSchema,
  errorCodeOf,
  MAX_NAME_LENGTH,
  MAX_SOURCE_AGENTS,
  sourceAgentCountSchema,
  talkoverErrorSchema,
} from '@/lib/talkover/schemas';
import { DOCUMENTED_STATS_RESPONSE } from '../fixtures/talkover';

/** The example answer of GET /callback-agents/stats, copied from the shared talkover-api README. */
const DOCUMENTED_EXAMPLE = DOCUMENTED_STATS_RESPONSE;

type Data = (typeof DOCUMENTED_EXAMPLE)['data'];

/** The documented example with `data` changed by `edit` (a deep copy, so cases never share state). */
function withData(edit: (data: Record<string, unknown> & Data) => void): unknown {
  const copy = structuredClone(DOCUMENTED_EXAMPLE);
  edit(copy.data as Record<string, unknown> & Data);
  return copy;
}

describe('callbackStatsResponseSchema', () => {
  test('the documented example parses to the same figures', () => {
    const parsed = callbackStatsResponseSchema.parse(DOCUMENTED_EXAMPLE);
    expect(parsed).toEqual(DOCUMENTED_EXAMPLE);
  });

  test('extra fields are tolerated and stripped at every level', () => {
    const payload = {
      ...structuredClone(DOCUMENTED_EXAMPLE),
      request_id: 'req-1',
      data: {
        ...structuredClone(DOCUMENTED_EXAMPLE.data),
        callbacks_missed: 3,
        period: { start: '2024-01-01', end: '2024-01-31', timezone: 'UTC' },
        callbacks_by_source_agent: [
          { source_agent_id: 'agent-uuid-2', name: 'Sales Outbound', count: 110, label: 'sales', direction: 'outbound' },
        ],
      },
    };
    const parsed = callbackStatsResponseSchema.parse(payload);
    expect(parsed).toEqual({
      success: true,
      data: {
        period: { start: '2024-01-01', end: '2024-01-31' },
        total_callbacks_received: 184,
        callbacks_answered: 142,
        callbacks_unmatched: 12,
        callbacks_by_source_agent: [{ source_agent_id: 'agent-uuid-2', name: 'Sales Outbound', count: 110 }],
      },
    });
    expect(parsed).not.toHaveProperty('request_id');
    expect(parsed.data).not.toHaveProperty('callbacks_missed');
    expect(parsed.data.period).not.toHaveProperty('timezone');
    expect(parsed.data.callbacks_by_source_agent[0]).not.toHaveProperty('label');
  });

  test.each([
    { name: 'null', source: { source_agent_id: 'a1', name: null, count: 1 } },
    { name: 'missing', source: { source_agent_id: 'a1', count: 1 } },
    { name: 'empty', source: { source_agent_id: 'a1', name: '', count: 1 } },
  ])('a $name source name becomes an empty string', ({ source }) => {
    expect(sourceAgentCountSchema.parse(source)).toEqual({ source_agent_id: 'a1', name: '', count: 1 });
  });

  test('names are kept verbatim (untrusted text is escaped where it is drawn, not here)', () => {
    const name = '<img src=x onerror=alert(1)> Vendas “Sul” 😀';
    expect(sourceAgentCountSchema.parse({ source_agent_id: 'a1', name, count: 0 }).name).toBe(name);
  });

  test('an empty source list and all-zero counts are a valid, empty answer', () => {
    const empty = {
      success: true,
      data: {
        period: { start: '2026-03-01', end: '2026-03-15' },
        total_callbacks_received: 0,
        callbacks_answered: 0,
        callbacks_unmatched: 0,
        callbacks_by_source_agent: [],
      },
    };
    expect(callbackStatsResponseSchema.parse(empty)).toEqual(empty);
  });

  test.each<{ name: string; payload: unknown }>([
    { name: 'negative total', payload: withData((d) => void (d.total_callbacks_received = -1)) },
    { name: 'negative answered', payload: withData((d) => void (d.callbacks_answered = -5)) },
    { name: 'negative unmatched', payload: withData((d) => void (d.callbacks_unmatched = -1)) },
    { name: 'negative source count', payload: withData((d) => void (d.callbacks_by_source_agent[0]!.count = -110)) },
    { name: 'fractional total', payload: withData((d) => void (d.total_callbacks_received = 184.5)) },
    { name: 'fractional source count', payload: withData((d) => void (d.callbacks_by_source_agent[1]!.count = 0.5)) },
    { name: 'NaN count', payload: withData((d) => void (d.callbacks_answered = Number.NaN)) },
    { name: 'infinite count', payload: withData((d) => void (d.callbacks_answered = Number.POSITIVE_INFINITY)) },
    { name: 'string total', payload: withData((d) => void ((d as Record<string, unknown>).total_callbacks_received = '184')) },
    { name: 'string source count', payload: withData((d) => void ((d.callbacks_by_source_agent[0] as Record<string, unknown>).count = '110')) },
    { name: 'null answered', payload: withData((d) => void ((d as Record<string, unknown>).callbacks_answered = null)) },
    { name: 'missing total', payload: withData((d) => void delete (d as Record<string, unknown>).total_callbacks_received) },
    { name: 'missing answered', payload: withData((d) => void delete (d as Record<string, unknown>).callbacks_answered) },
    { name: 'missing unmatched', payload: withData((d) => void delete (d as Record<string, unknown>).callbacks_unmatched) },
    { name: 'missing source list', payload: withData((d) => void delete (d as Record<string, unknown>).callbacks_by_source_agent) },
    { name: 'source list is an object', payload: withData((d) => void ((d as Record<string, unknown>).callbacks_by_source_agent = {})) },
    { name: 'missing period', payload: withData((d) => void delete (d as Record<string, unknown>).period) },
    {
      name: 'missing source id',
      payload: withData((d) => void delete (d.callbacks_by_source_agent[0] as Record<string, unknown>).source_agent_id),
    },
    { name: 'empty source id', payload: withData((d) => void (d.callbacks_by_source_agent[0]!.source_agent_id = '')) },
    { name: 'numeric name', payload: withData((d) => void ((d.callbacks_by_source_agent[0] as Record<string, unknown>).name = 42)) },
    { name: 'period start with slashes', payload: withData((d) => void (d.period.start = '2024/01/01')) },
    { name: 'period end day-first', payload: withData((d) => void (d.period.end = '31-01-2024')) },
    { name: 'period start with a time', payload: withData((d) => void (d.period.start = '2024-01-01T00:00:00Z')) },
    { name: 'period end empty', payload: withData((d) => void (d.period.end = '')) },
    { name: 'period start a number', payload: withData((d) => void ((d.period as Record<string, unknown>).start = 20240101)) },
    // The period is echoed to GET /api/stats clients: a date that is not a real day is unreadable.
    { name: 'period start month 13', payload: withData((d) => void (d.period.start = '2024-13-01')) },
    { name: 'period end 30 February', payload: withData((d) => void (d.period.end = '2024-02-30')) },
    { name: 'success false with data', payload: { ...structuredClone(DOCUMENTED_EXAMPLE), success: false } },
    { name: 'success missing', payload: { data: structuredClone(DOCUMENTED_EXAMPLE.data) } },
    { name: 'success as string', payload: { ...structuredClone(DOCUMENTED_EXAMPLE), success: 'true' } },
    { name: 'data missing', payload: { success: true } },
    { name: 'data null', payload: { success: true, data: null } },
    { name: 'an HTML error page', payload: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
    { name: 'null', payload: null },
    { name: 'undefined (unparseable JSON)', payload: undefined },
    { name: 'an array', payload: [DOCUMENTED_EXAMPLE] },
  ])('rejects $name', ({ payload }) => {
    expect(callbackStatsResponseSchema.safeParse(payload).success).toBe(false);
  });

  test('callbackStatsSchema alone accepts the inner data of the example', () => {
    expect(callbackStatsSchema.parse(DOCUMENTED_EXAMPLE.data)).toEqual(DOCUMENTED_EXAMPLE.data);
  });
});

describe('bounds on an answer', () => {
  const source = (index: number, name = `Agent ${index}`) => ({ source_agent_id: `agent-${index}`, name, count: 1 });

  test('a name longer than 200 characters is cut to 200, never inside a character', () => {
    const long = `${'a'.repeat(199)}😀😀 and much more ${'z'.repeat(100_000)}`;
    const name = sourceAgentCountSchema.parse(source(1, long)).name;
    expect(MAX_NAME_LENGTH).toBe(200);
    expect(Array.from(name)).toHaveLength(200);
    expect(name).toBe(`${'a'.repeat(199)}😀`);
    expect(sourceAgentCountSchema.parse(source(1, 'é'.repeat(200))).name).toBe('é'.repeat(200));
  });

  test('an id longer than 200 characters makes the answer unreadable', () => {
    expect(sourceAgentCountSchema.safeParse({ source_agent_id: 'x'.repeat(200), name: '', count: 1 }).success).toBe(true);
    expect(sourceAgentCountSchema.safeParse({ source_agent_id: 'x'.repeat(201), name: '', count: 1 }).success).toBe(false);
  });

  test('up to 1000 source agents are read; more make the answer unreadable rather than cut short', () => {
    const withSources = (n: number) => withData((d) => void (d.callbacks_by_source_agent = Array.from({ length: n }, (_, i) => source(i))));
    expect(MAX_SOURCE_AGENTS).toBe(1_000);
    expect(callbackStatsResponseSchema.safeParse(withSources(1_000)).success).toBe(true);
    expect(callbackStatsResponseSchema.safeParse(withSources(1_001)).success).toBe(false);
  });
});

describe('talkoverErrorSchema and errorCodeOf', () => {
  test.each<{ name: string; body: unknown; code: string | undefined }>([
    {
      name: 'nested shape (from the README)',
      body: { success: false, error: { code: 'INVALID_API_KEY', message: 'The provided API key is invalid', details: {} } },
      code: 'INVALID_API_KEY',
    },
    {
      name: 'flat shape (from the README)',
      body: { success: false, message: 'Agent is not configured as a callback agent', code: 'SOME_CODE' },
      code: 'SOME_CODE',
    },
    { name: 'nested without a code', body: { success: false, error: { message: 'nope' } }, code: undefined },
    { name: 'nested with only details', body: { success: false, error: { details: { field: 'start_date' } } }, code: undefined },
    { name: 'flat without a code', body: { success: false, message: 'Agent is not configured as a callback agent' }, code: undefined },
    { name: 'bare success false', body: { success: false }, code: undefined },
    { name: 'extra fields', body: { success: false, code: 'RATE_LIMIT_EXCEEDED', retry_in: 30 }, code: 'RATE_LIMIT_EXCEEDED' },
  ])('$name parses, code $code', ({ body, code }) => {
    const parsed = talkoverErrorSchema.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(errorCodeOf(parsed.data!)).toBe(code);
  });

  test.each<{ name: string; body: unknown }>([
    { name: 'a success answer', body: DOCUMENTED_EXAMPLE },
    { name: 'success missing', body: { error: { code: 'X' } } },
    { name: 'success as the string "false"', body: { success: 'false', code: 'X' } },
    { name: 'an HTML page', body: '<html>Bad Gateway</html>' },
    { name: 'null', body: null },
    { name: 'undefined', body: undefined },
  ])('rejects $name', ({ body }) => {
    expect(talkoverErrorSchema.safeParse(body).success).toBe(false);
  });
});
