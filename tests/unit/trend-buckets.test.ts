// Bucketing a range for the trend: weeks on either start day, clipping, months of 28–31 days,
// and the partial mark on clipped buckets and on the one holding today.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addDays, daysInclusive } from '@/lib/date-range';
import { endOfMonth, startOfWeek, toBuckets } from '@/lib/trends/buckets';

const PAST = '2030-01-01'; // a "today" after every range below, so only clipping makes a bucket partial

describe('weeks', () => {
  test.each([
    // 2026-03-04 is a Wednesday.
    ['2026-03-04', 'monday', '2026-03-02'],
    ['2026-03-04', 'sunday', '2026-03-01'],
    ['2026-03-02', 'monday', '2026-03-02'],
    ['2026-03-01', 'monday', '2026-02-23'],
    ['2026-03-01', 'sunday', '2026-03-01'],
    ['2026-03-07', 'sunday', '2026-03-01'],
    ['2027-01-01', 'monday', '2026-12-28'],
  ] as const)('%s in a week starting on %s starts on %s', (date, weekStart, start) => {
    expect(startOfWeek(date, weekStart)).toBe(start);
  });

  test('a range from Wednesday to Tuesday (Monday weeks): clipped weeks at both ends, marked partial', () => {
    expect(toBuckets({ start: '2026-03-04', end: '2026-03-17' }, 'week', { weekStart: 'monday', today: PAST })).toEqual([
      { start: '2026-03-04', end: '2026-03-08', partial: true },
      { start: '2026-03-09', end: '2026-03-15', partial: false },
      { start: '2026-03-16', end: '2026-03-17', partial: true },
    ]);
  });

  test('the same range with Sunday weeks', () => {
    expect(toBuckets({ start: '2026-03-04', end: '2026-03-17' }, 'week', { weekStart: 'sunday', today: PAST })).toEqual([
      { start: '2026-03-04', end: '2026-03-07', partial: true },
      { start: '2026-03-08', end: '2026-03-14', partial: false },
      { start: '2026-03-15', end: '2026-03-17', partial: true },
    ]);
  });

  test('90 days make at most 14 weekly buckets', () => {
    for (let offset = 0; offset < 7; offset += 1) {
      const start = addDays('2026-01-01', offset);
      const buckets = toBuckets({ start, end: addDays(start, 89) }, 'week', { weekStart: 'monday', today: PAST });
      expect(buckets.length).toBeLessThanOrEqual(14);
    }
  });
});

describe('months', () => {
  test.each([
    ['2026-01-15', '2026-01-31'],
    ['2026-02-03', '2026-02-28'],
    ['2028-02-10', '2028-02-29'],
    ['2100-02-01', '2100-02-28'],
    ['2000-02-01', '2000-02-29'],
    ['2026-04-30', '2026-04-30'],
    ['2026-12-01', '2026-12-31'],
  ])('the month of %s ends on %s', (date, end) => {
    expect(endOfMonth(date)).toBe(end);
  });

  test('a leap-year February to April: whole months are not partial', () => {
    expect(toBuckets({ start: '2028-02-01', end: '2028-04-30' }, 'month', { weekStart: 'monday', today: PAST })).toEqual([
      { start: '2028-02-01', end: '2028-02-29', partial: false },
      { start: '2028-03-01', end: '2028-03-31', partial: false },
      { start: '2028-04-01', end: '2028-04-30', partial: false },
    ]);
  });

  test('a range crossing a year, clipped at both ends', () => {
    expect(toBuckets({ start: '2026-11-20', end: '2027-01-05' }, 'month', { weekStart: 'monday', today: PAST })).toEqual([
      { start: '2026-11-20', end: '2026-11-30', partial: true },
      { start: '2026-12-01', end: '2026-12-31', partial: false },
      { start: '2027-01-01', end: '2027-01-05', partial: true },
    ]);
  });
});

describe('the bucket holding today', () => {
  test('a day bucket for today is partial; earlier days are not', () => {
    const buckets = toBuckets({ start: '2026-03-08', end: '2026-03-10' }, 'day', { weekStart: 'monday', today: '2026-03-10' });
    expect(buckets.map((bucket) => bucket.partial)).toEqual([false, false, true]);
  });

  test('a week that is whole in the range but still running is partial', () => {
    const buckets = toBuckets({ start: '2026-03-02', end: '2026-03-15' }, 'week', { weekStart: 'monday', today: '2026-03-11' });
    expect(buckets).toEqual([
      { start: '2026-03-02', end: '2026-03-08', partial: false },
      { start: '2026-03-09', end: '2026-03-15', partial: true },
    ]);
  });

  test('a month holding today is partial', () => {
    const buckets = toBuckets({ start: '2026-02-01', end: '2026-03-31' }, 'month', { weekStart: 'monday', today: '2026-03-31' });
    expect(buckets.map((bucket) => bucket.partial)).toEqual([false, true]);
  });
});

test('for any range and interval, the buckets cover every day exactly once, in order', () => {
  const day = fc.integer({ min: 0, max: 3_000 }).map((n) => addDays('2024-01-01', n));
  fc.assert(
    fc.property(
      day,
      fc.integer({ min: 1, max: 366 }),
      fc.constantFrom('day', 'week', 'month' as const),
      fc.constantFrom('monday', 'sunday' as const),
      (start, days, interval, weekStart) => {
        const end = addDays(start, days - 1);
        const buckets = toBuckets({ start, end }, interval, { weekStart, today: PAST });
        expect(buckets[0]!.start).toBe(start);
        expect(buckets.at(-1)!.end).toBe(end);
        for (const [index, bucket] of buckets.entries()) {
          expect(bucket.start <= bucket.end).toBe(true);
          if (index > 0) expect(bucket.start).toBe(addDays(buckets[index - 1]!.end, 1));
          if (interval === 'week') {
            expect(daysInclusive(bucket.start, bucket.end)).toBeLessThanOrEqual(7);
            if (!bucket.partial) expect(startOfWeek(bucket.start, weekStart)).toBe(bucket.start);
          }
          if (interval === 'day') expect(bucket.start).toBe(bucket.end);
        }
        expect(buckets.reduce((sum, bucket) => sum + daysInclusive(bucket.start, bucket.end), 0)).toBe(days);
      },
    ),
  );
});
