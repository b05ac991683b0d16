import { describe, expect, test } from 'vitest';
import {
  addDays,
  describeRange,
  daysInclusive,
  isValidTimeZone,
  parseDateRange,
  parseIsoDate,
  todayIn,
  toRangeQuery,
  type RangeParams,
} from '@/lib/date-range';

const NOW = new Date('2026-03-15T12:00:00Z');
const UTC = { now: NOW, timeZone: 'UTC' };

function okRange(params: RangeParams, context = UTC) {
  const result = parseDateRange(params, context);
  if (!result.ok) throw new Error(`expected a range, got ${result.error.code}: ${result.error.message}`);
  return result.range;
}

function rangeError(params: RangeParams, context = UTC) {
  const result = parseDateRange(params, context);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.range)}`);
  return result.error;
}

describe('presets', () => {
  test.each([
    { preset: 'today', start: '2026-03-15', end: '2026-03-15', days: 1 },
    { preset: 'yesterday', start: '2026-03-14', end: '2026-03-14', days: 1 },
    { preset: '7d', start: '2026-03-09', end: '2026-03-15', days: 7 },
    { preset: '30d', start: '2026-02-14', end: '2026-03-15', days: 30 },
    { preset: '90d', start: '2025-12-16', end: '2026-03-15', days: 90 },
    { preset: 'mtd', start: '2026-03-01', end: '2026-03-15', days: 15 },
    { preset: 'last-month', start: '2026-02-01', end: '2026-02-28', days: 28 },
  ])('$preset on 2026-03-15 is $start … $end ($days days)', ({ preset, start, end, days }) => {
    expect(okRange({ range: [preset] })).toEqual({ start, end, preset, days, timeZone: 'UTC' });
  });

  test.each([
    // January: last month is December of the previous year.
    { now: '2026-01-10T12:00:00Z', preset: 'last-month', start: '2025-12-01', end: '2025-12-31', days: 31 },
    { now: '2026-01-10T12:00:00Z', preset: 'mtd', start: '2026-01-01', end: '2026-01-10', days: 10 },
    { now: '2026-01-01T12:00:00Z', preset: 'yesterday', start: '2025-12-31', end: '2025-12-31', days: 1 },
    { now: '2026-01-03T12:00:00Z', preset: '7d', start: '2025-12-28', end: '2026-01-03', days: 7 },
    // Leap year: February has 29 days.
    { now: '2024-03-10T12:00:00Z', preset: 'last-month', start: '2024-02-01', end: '2024-02-29', days: 29 },
    { now: '2024-03-10T12:00:00Z', preset: '30d', start: '2024-02-10', end: '2024-03-10', days: 30 },
    { now: '2024-03-01T12:00:00Z', preset: 'yesterday', start: '2024-02-29', end: '2024-02-29', days: 1 },
    // Non-leap February.
    { now: '2023-03-01T12:00:00Z', preset: 'last-month', start: '2023-02-01', end: '2023-02-28', days: 28 },
    // Month to date on the first of the month is a single day.
    { now: '2026-03-01T00:00:00Z', preset: 'mtd', start: '2026-03-01', end: '2026-03-01', days: 1 },
    // Last month from the 31st of a month following a 30-day month.
    { now: '2026-05-31T23:59:59Z', preset: 'last-month', start: '2026-04-01', end: '2026-04-30', days: 30 },
  ])('$preset at $now is $start … $end', ({ now, preset, start, end, days }) => {
    expect(okRange({ range: [preset] }, { now: new Date(now), timeZone: 'UTC' })).toMatchObject({
      start,
      end,
      preset,
      days,
    });
  });

  test('no parameters means the last 30 days', () => {
    expect(okRange({})).toEqual({ start: '2026-02-14', end: '2026-03-15', preset: '30d', days: 30, timeZone: 'UTC' });
  });

  test.each<{ name: string; params: RangeParams }>([
    { name: 'all empty strings (an untouched GET form)', params: { range: [''], start_date: [''], end_date: [''] } },
    { name: 'whitespace only', params: { range: ['  '], start_date: [' '], end_date: ['\t'] } },
    { name: 'empty arrays', params: { range: [], start_date: [], end_date: [] } },
    { name: 'only an empty range', params: { range: [''] } },
  ])('$name count as absent: default 30d', ({ params }) => {
    expect(okRange(params)).toMatchObject({ start: '2026-02-14', end: '2026-03-15', preset: '30d', days: 30 });
  });

  test('an empty range next to explicit dates is not a conflict', () => {
    expect(okRange({ range: [''], start_date: ['2026-03-01'], end_date: ['2026-03-05'] })).toMatchObject({
      start: '2026-03-01',
      end: '2026-03-05',
      preset: null,
    });
  });

  test('surrounding whitespace around a preset is ignored', () => {
    expect(okRange({ range: [' 7d '] })).toMatchObject({ preset: '7d', start: '2026-03-09' });
  });
});

describe('timezone', () => {
  test.each([
    { now: '2026-03-15T02:00:00Z', timeZone: 'America/Sao_Paulo', today: '2026-03-14' },
    { now: '2026-03-15T02:00:00Z', timeZone: 'UTC', today: '2026-03-15' },
    { now: '2026-03-15T20:00:00Z', timeZone: 'Asia/Tokyo', today: '2026-03-16' },
    { now: '2026-03-15T20:00:00Z', timeZone: 'UTC', today: '2026-03-15' },
    { now: '2026-01-01T01:00:00Z', timeZone: 'America/Los_Angeles', today: '2025-12-31' },
  ])('at $now, today in $timeZone is $today', ({ now, timeZone, today }) => {
    expect(todayIn(timeZone, new Date(now))).toBe(today);
    expect(okRange({ range: ['today'] }, { now: new Date(now), timeZone })).toEqual({
      start: today,
      end: today,
      preset: 'today',
      days: 1,
      timeZone,
    });
  });

  test('7d in São Paulo late in the UTC day ends on the local day', () => {
    expect(okRange({ range: ['7d'] }, { now: new Date('2026-03-15T02:00:00Z'), timeZone: 'America/Sao_Paulo' })).toEqual({
      start: '2026-03-08',
      end: '2026-03-14',
      preset: '7d',
      days: 7,
      timeZone: 'America/Sao_Paulo',
    });
  });

  test('end date that is today in UTC is still the future in São Paulo', () => {
    const context = { now: new Date('2026-03-15T02:00:00Z'), timeZone: 'America/Sao_Paulo' };
    expect(rangeError({ start_date: ['2026-03-01'], end_date: ['2026-03-15'] }, context)).toMatchObject({
      code: 'future_date',
      message: 'The end date (2026-03-15) is in the future: today is 2026-03-14 (America/Sao_Paulo).',
    });
    expect(okRange({ start_date: ['2026-03-01'], end_date: ['2026-03-14'] }, context)).toMatchObject({ days: 14 });
  });
});

describe('DST boundaries do not shift dates', () => {
  test.each([
    // New York springs forward on 2026-03-08 (a 23-hour day).
    { now: '2026-03-10T12:00:00Z', timeZone: 'America/New_York', preset: '7d', start: '2026-03-04', end: '2026-03-10', days: 7 },
    { now: '2026-03-09T04:30:00Z', timeZone: 'America/New_York', preset: 'yesterday', start: '2026-03-08', end: '2026-03-08', days: 1 },
    // New York falls back on 2025-11-02 (a 25-hour day).
    { now: '2025-11-03T12:00:00Z', timeZone: 'America/New_York', preset: '7d', start: '2025-10-28', end: '2025-11-03', days: 7 },
    // London springs forward on 2026-03-29 and falls back on 2025-10-26.
    { now: '2026-04-01T00:30:00Z', timeZone: 'Europe/London', preset: 'last-month', start: '2026-03-01', end: '2026-03-31', days: 31 },
    { now: '2025-10-28T12:00:00Z', timeZone: 'Europe/London', preset: '30d', start: '2025-09-29', end: '2025-10-28', days: 30 },
  ])('$preset at $now in $timeZone is $start … $end', ({ now, timeZone, preset, start, end, days }) => {
    expect(okRange({ range: [preset] }, { now: new Date(now), timeZone })).toEqual({ start, end, preset, days, timeZone });
  });

  test.each([
    { now: '2026-03-08T04:30:00Z', today: '2026-03-07' }, // 23:30 EST
    { now: '2026-03-08T06:30:00Z', today: '2026-03-08' }, // 01:30 EST, just before the switch
    { now: '2026-03-08T07:30:00Z', today: '2026-03-08' }, // 03:30 EDT, just after
    { now: '2026-03-09T03:30:00Z', today: '2026-03-08' }, // 23:30 EDT
    { now: '2026-03-09T04:30:00Z', today: '2026-03-09' }, // 00:30 EDT
  ])('today in New York at $now is $today', ({ now, today }) => {
    expect(todayIn('America/New_York', new Date(now))).toBe(today);
  });

  test('today changes at midnight to the millisecond, however often it was asked that second', () => {
    const zone = 'America/Sao_Paulo'; // UTC−3: midnight is 03:00 UTC
    for (let i = 0; i < 3; i++) expect(todayIn(zone, new Date('2026-12-03T02:59:59.000Z'))).toBe('2026-12-02');
    expect(todayIn(zone, new Date('2026-12-03T02:59:59.999Z'))).toBe('2026-12-02');
    expect(todayIn(zone, new Date('2026-12-03T03:00:00.000Z'))).toBe('2026-12-03');
    expect(todayIn('Asia/Tokyo', new Date('2026-12-03T02:59:59.999Z'))).toBe('2026-12-03');
    expect(todayIn(zone, new Date('2026-12-03T02:59:59.500Z'))).toBe('2026-12-02'); // back again
    expect(() => todayIn('Mars/Olympus', new Date())).toThrow();
  });

  test('an explicit range across a DST change counts calendar days', () => {
    const context = { now: new Date('2026-04-05T12:00:00Z'), timeZone: 'America/New_York' };
    expect(okRange({ start_date: ['2026-03-01'], end_date: ['2026-03-31'] }, context)).toMatchObject({ days: 31 });
    expect(daysInclusive('2026-03-07', '2026-03-09')).toBe(3);
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2025-11-02', 1)).toBe('2025-11-03');
  });
});

describe('explicit dates', () => {
  test.each([
    { start: '2026-03-01', end: '2026-03-10', days: 10 },
    { start: '2026-03-15', end: '2026-03-15', days: 1 },
    { start: '2024-02-28', end: '2024-03-01', days: 3 },
    { start: '2023-02-28', end: '2023-03-01', days: 2 },
    { start: '2025-12-31', end: '2026-01-01', days: 2 },
    // Exactly the longest allowed: 366 days.
    { start: '2025-03-15', end: '2026-03-15', days: 366 },
    { start: '2024-01-01', end: '2024-12-31', days: 366 },
  ])('$start … $end is $days days, preset null', ({ start, end, days }) => {
    expect(okRange({ start_date: [start], end_date: [end] })).toEqual({ start, end, preset: null, days, timeZone: 'UTC' });
  });

  test('an explicit range that matches a preset stays explicit', () => {
    expect(okRange({ start_date: ['2026-03-09'], end_date: ['2026-03-15'] }).preset).toBeNull();
  });

  test('surrounding whitespace is trimmed', () => {
    expect(okRange({ start_date: [' 2026-03-01 '], end_date: ['2026-03-02\n'] })).toMatchObject({
      start: '2026-03-01',
      end: '2026-03-02',
      days: 2,
    });
  });
});

describe('errors', () => {
  test.each<{ params: RangeParams; message: string }>([
    { params: { range: ['7d', '30d'] }, message: 'range was given more than once.' },
    { params: { range: ['7d', '7d'] }, message: 'range was given more than once.' },
    { params: { range: ['', ''] }, message: 'range was given more than once.' },
    { params: { start_date: ['2026-03-01', '2026-03-02'], end_date: ['2026-03-10'] }, message: 'start_date was given more than once.' },
    { params: { start_date: ['2026-03-01'], end_date: ['2026-03-10', '2026-03-11'] }, message: 'end_date was given more than once.' },
  ])('repeated_param: $message', ({ params, message }) => {
    expect(rangeError(params)).toMatchObject({ code: 'repeated_param', message });
  });

  test.each<RangeParams>([
    { range: ['7d'], start_date: ['2026-03-01'] },
    { range: ['7d'], end_date: ['2026-03-01'] },
    { range: ['7d'], start_date: ['2026-03-01'], end_date: ['2026-03-10'] },
    { range: ['nonsense'], start_date: ['garbage'] },
  ])('conflicting_params for %j', (params) => {
    expect(rangeError(params)).toMatchObject({
      code: 'conflicting_params',
      message: 'Use either range or start_date and end_date, not both.',
    });
  });

  test.each([
    { value: 'week', shown: '"week"' },
    { value: '7D', shown: '"7D"' },
    { value: '365d', shown: '"365d"' },
    { value: 'a'.repeat(40), shown: `"${'a'.repeat(40)}"` },
    { value: 'b'.repeat(41), shown: `"${'b'.repeat(40)}…"` },
    { value: `<script>${'x'.repeat(200)}`, shown: `"<script>${'x'.repeat(32)}…"` },
    { value: 'quote"inside', shown: '"quote\\"inside"' },
  ])('unknown_range quotes $shown', ({ value, shown }) => {
    expect(rangeError({ range: [value] })).toMatchObject({
      code: 'unknown_range',
      message: `Unknown range ${shown}. Use one of: today, yesterday, 7d, 30d, 90d, mtd, last-month.`,
    });
  });

  test.each<{ params: RangeParams; message: string }>([
    { params: { start_date: ['2026-03-01'] }, message: 'The end date is missing: give both a start date and an end date.' },
    { params: { start_date: ['2026-03-01'], end_date: [''] }, message: 'The end date is missing: give both a start date and an end date.' },
    { params: { end_date: ['2026-03-01'] }, message: 'The start date is missing: give both a start date and an end date.' },
    { params: { start_date: ['  '], end_date: ['2026-03-01'] }, message: 'The start date is missing: give both a start date and an end date.' },
  ])('incomplete_range: $message', ({ params, message }) => {
    expect(rangeError(params)).toMatchObject({ code: 'incomplete_range', message });
  });

  test.each([
    { start: '2024-02-30', end: '2024-03-01', message: 'The start date "2024-02-30" is not a real date in the form YYYY-MM-DD.' },
    { start: '2023-02-29', end: '2023-03-01', message: 'The start date "2023-02-29" is not a real date in the form YYYY-MM-DD.' },
    { start: '2024-13-01', end: '2024-12-31', message: 'The start date "2024-13-01" is not a real date in the form YYYY-MM-DD.' },
    { start: '2024-1-5', end: '2024-01-31', message: 'The start date "2024-1-5" is not a real date in the form YYYY-MM-DD.' },
    { start: 'garbage', end: '2024-01-31', message: 'The start date "garbage" is not a real date in the form YYYY-MM-DD.' },
    { start: '2024-01-01', end: '2024-04-31', message: 'The end date "2024-04-31" is not a real date in the form YYYY-MM-DD.' },
    { start: '2024-01-01', end: '2024-00-10', message: 'The end date "2024-00-10" is not a real date in the form YYYY-MM-DD.' },
    { start: '2024-01-01', end: '31/01/2024', message: 'The end date "31/01/2024" is not a real date in the form YYYY-MM-DD.' },
    {
      start: '2024-01-01',
      end: '2024-01-31T00:00:00Z',
      message: 'The end date "2024-01-31T00:00:00Z" is not a real date in the form YYYY-MM-DD.',
    },
    {
      start: '1'.repeat(60),
      end: '2024-01-31',
      message: `The start date "${'1'.repeat(40)}…" is not a real date in the form YYYY-MM-DD.`,
    },
    // Both bad: the start date is reported first.
    { start: 'nope', end: 'also-nope', message: 'The start date "nope" is not a real date in the form YYYY-MM-DD.' },
  ])('invalid_date: $start … $end', ({ start, end, message }) => {
    expect(rangeError({ start_date: [start], end_date: [end] })).toMatchObject({ code: 'invalid_date', message });
  });

  test('reversed_range', () => {
    expect(rangeError({ start_date: ['2026-03-10'], end_date: ['2026-03-01'] })).toEqual({
      code: 'reversed_range',
      message: 'The start date (2026-03-10) is after the end date (2026-03-01).',
      params: { start: '2026-03-10', end: '2026-03-01' },
    });
  });

  test.each([
    { start: '2026-03-01', end: '2026-03-16' },
    { start: '2026-03-16', end: '2026-03-20' },
    { start: '2026-03-01', end: '2027-01-01' },
  ])('future_date: $start … $end', ({ start, end }) => {
    expect(rangeError({ start_date: [start], end_date: [end] })).toMatchObject({
      code: 'future_date',
      message: `The end date (${end}) is in the future: today is 2026-03-15 (UTC).`,
    });
  });

  test('range_too_long at 367 days, fine at 366', () => {
    expect(rangeError({ start_date: ['2025-03-14'], end_date: ['2026-03-15'] })).toEqual({
      code: 'range_too_long',
      message: 'The range is 367 days long; the longest allowed is 366 days.',
      params: { days: 367, max: 366 },
    });
    expect(okRange({ start_date: ['2025-03-15'], end_date: ['2026-03-15'] }).days).toBe(366);
    expect(rangeError({ start_date: ['2020-01-01'], end_date: ['2026-03-15'] })).toMatchObject({
      code: 'range_too_long',
      message: 'The range is 2266 days long; the longest allowed is 366 days.',
    });
  });
});

describe('toRangeQuery', () => {
  test.each([
    { range: { start: '2026-03-09', end: '2026-03-15', preset: '7d' as const }, query: 'range=7d' },
    { range: { start: '2026-02-01', end: '2026-02-28', preset: 'last-month' as const }, query: 'range=last-month' },
    { range: { start: '2026-03-01', end: '2026-03-10', preset: null }, query: 'start_date=2026-03-01&end_date=2026-03-10' },
  ])('$query', ({ range, query }) => {
    expect(toRangeQuery(range)).toBe(query);
  });

  test.each<RangeParams>([{ range: ['90d'] }, { start_date: ['2026-01-05'], end_date: ['2026-02-07'] }])(
    'round-trips %j through parseDateRange',
    (params) => {
      const range = okRange(params);
      const reparsed = Object.fromEntries([...new URLSearchParams(toRangeQuery(range))].map(([k, v]) => [k, [v]]));
      expect(okRange(reparsed)).toEqual(range);
    },
  );
});

describe('isValidTimeZone', () => {
  test.each([
    { timeZone: 'UTC', valid: true },
    { timeZone: 'America/Sao_Paulo', valid: true },
    { timeZone: 'Europe/London', valid: true },
    { timeZone: 'Etc/GMT+3', valid: true },
    { timeZone: '', valid: false },
    { timeZone: 'Mars/Olympus_Mons', valid: false },
    { timeZone: 'America/Sao Paulo', valid: false },
    { timeZone: 'not a zone', valid: false },
  ])('$timeZone → $valid', ({ timeZone, valid }) => {
    expect(isValidTimeZone(timeZone)).toBe(valid);
  });
});

describe('parseIsoDate', () => {
  test.each([
    { value: '2024-02-29', ms: Date.UTC(2024, 1, 29) },
    { value: '2026-03-15', ms: Date.UTC(2026, 2, 15) },
    { value: '1970-01-01', ms: 0 },
    { value: '2025-12-31', ms: Date.UTC(2025, 11, 31) },
  ])('$value → UTC midnight', ({ value, ms }) => {
    expect(parseIsoDate(value)).toBe(ms);
  });

  test.each([
    '2023-02-29',
    '2024-02-30',
    '2024-13-01',
    '2024-00-01',
    '2024-01-00',
    '2024-01-32',
    '2024-1-5',
    '24-01-05',
    ' 2024-01-05',
    '2024-01-05 ',
    '2024/01/05',
    '2024-01-05T00:00:00Z',
    '',
    'garbage',
    '２０２４-01-05',
  ])('%j → null', (value) => {
    expect(parseIsoDate(value)).toBeNull();
  });
});

describe('describeRange', () => {
  const format = { preset: (preset: string) => `preset ${preset}`, dates: (start: string, end: string) => `${start}..${end}` };
  test.each([
    [{ start: '2026-03-09', end: '2026-03-15', preset: '7d' as const }, 'preset 7d'],
    [{ start: '2026-03-01', end: '2026-03-15', preset: 'mtd' as const }, 'preset mtd'],
    [{ start: '2026-01-01', end: '2026-01-31', preset: null }, '2026-01-01..2026-01-31'],
  ])('%o → %s', (range, expected) => {
    expect(describeRange(range, format)).toBe(expected);
  });
});
