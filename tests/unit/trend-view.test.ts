// The view parameters beside the range: compare and interval, with their rules and error codes,
// the query that reproduces a view, and stepping a range back and forth.
import { describe, expect, test } from 'vitest';
import { defaultInterval, parseInterval } from '@/lib/view/interval';
import { parseView, steppedRange, toViewQuery, viewQueryParts, type ViewParams } from '@/lib/view/stats-view';

const NOW = new Date('2026-11-30T15:00:00Z');
const context = { now: NOW, timeZone: 'UTC', weekStart: 'monday' as const };

describe('interval', () => {
  test.each([
    [1, 'day'],
    [31, 'day'],
    [32, 'week'],
    [92, 'week'],
    [93, 'month'],
    [366, 'month'],
  ])('a range of %i days defaults to %s', (days, interval) => {
    expect(defaultInterval(days)).toBe(interval);
    expect(parseInterval(undefined, days)).toEqual({ ok: true, interval, explicit: false });
  });

  test.each([
    [['day'], 92, 'day'],
    [['week'], 366, 'week'],
    [['month'], 1, 'month'],
    [['week'], 7, 'week'],
  ])('%o over %i days is allowed', (values, days, interval) => {
    expect(parseInterval(values, days)).toEqual({ ok: true, interval, explicit: true });
  });

  test.each([
    [['day'], 93, 'interval_too_fine'],
    [['hour'], 7, 'invalid_interval'],
    [['Day'], 7, 'invalid_interval'],
    [['day', 'week'], 7, 'repeated_param'],
  ])('%o over %i days is refused with %s', (values, days, code) => {
    const result = parseInterval(values, days);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('parseView', () => {
  test('defaults: the previous period and the range’s own interval', () => {
    const result = parseView({ range: ['90d'] }, context);
    expect(result.ok && result.view).toMatchObject({ compare: 'previous', interval: 'week', intervalExplicit: false });
  });

  test.each<[ViewParams, string]>([
    [{ range: ['90d'], interval: ['day'] }, 'day'],
    [{ start_date: ['2026-01-01'], end_date: ['2026-06-30'], interval: ['week'] }, 'week'],
  ])('%o uses %s', (params, interval) => {
    const result = parseView(params, context);
    expect(result.ok && result.view.interval).toBe(interval);
  });

  test.each<[ViewParams, string, boolean]>([
    [{ start_date: ['2026-01-01'], end_date: ['2026-06-30'], interval: ['day'] }, 'interval_too_fine', true],
    [{ range: ['30d'], interval: ['fortnight'] }, 'invalid_interval', true],
    [{ range: ['30d'], compare: ['last'] }, 'invalid_compare', true],
    [{ range: ['30d'], compare: ['year', 'off'] }, 'repeated_param', true],
    [{ range: ['31d'], interval: ['day'] }, 'unknown_range', false],
  ])('%o is refused with %s (the range kept: %s)', (params, code, keepsRange) => {
    const result = parseView(params, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.range !== null).toBe(keepsRange);
    }
  });
});

describe('toViewQuery', () => {
  test('leaves defaults out, keeps presets relative and explicit intervals', () => {
    const parsed = parseView({ range: ['90d'], compare: ['year'], interval: ['month'] }, context);
    expect(parsed.ok && toViewQuery(viewQueryParts(parsed.view))).toBe('range=90d&compare=year&interval=month');
    const plain = parseView({ start_date: ['2026-01-01'], end_date: ['2026-01-31'] }, context);
    expect(plain.ok && toViewQuery(viewQueryParts(plain.view))).toBe('start_date=2026-01-01&end_date=2026-01-31');
  });
});

describe('steppedRange', () => {
  test.each([
    [{ start: '2026-09-02', end: '2026-11-30' }, -1, { start: '2026-06-04', end: '2026-09-01' }],
    [{ start: '2026-06-04', end: '2026-09-01' }, 1, { start: '2026-09-02', end: '2026-11-30' }],
    [{ start: '2026-11-01', end: '2026-11-07' }, 1, { start: '2026-11-08', end: '2026-11-14' }],
    [{ start: '2026-11-24', end: '2026-11-30' }, 1, null],
    [{ start: '2026-11-20', end: '2026-11-26' }, 1, null],
  ] as const)('%o stepped %i is %o (today 2026-11-30)', (range, step, expected) => {
    expect(steppedRange(range, step, '2026-11-30')).toEqual(expected);
  });
});
