// The comparison period (previous days, or the same dates a year earlier) and the change maths.
import { describe, expect, test } from 'vitest';
import { comparisonPeriod, parseCompare, previousPeriod, yearEarlierPeriod } from '@/lib/view/comparison-period';
import { directionOf, pointsChange, relativeChange, toCountMove, toneOf } from '@/lib/trends/change';

describe('previous period', () => {
  test.each([
    [
      { start: '2026-11-01', end: '2026-11-30' },
      { start: '2026-10-02', end: '2026-10-31' },
    ],
    [
      { start: '2026-03-10', end: '2026-03-10' },
      { start: '2026-03-09', end: '2026-03-09' },
    ],
    [
      { start: '2026-01-01', end: '2026-01-07' },
      { start: '2025-12-25', end: '2025-12-31' },
    ],
    [
      { start: '2028-03-01', end: '2028-03-02' },
      { start: '2028-02-28', end: '2028-02-29' },
    ],
    [
      { start: '2026-01-01', end: '2026-12-31' },
      { start: '2025-01-01', end: '2025-12-31' },
    ],
    [
      { start: '2025-12-20', end: '2026-01-10' },
      { start: '2025-11-28', end: '2025-12-19' },
    ],
  ])('%o → %o', (range, expected) => {
    expect(previousPeriod(range)).toEqual(expected);
    expect(comparisonPeriod(range, 'previous')).toEqual(expected);
  });
});

describe('a year earlier', () => {
  test.each([
    [
      { start: '2026-11-01', end: '2026-11-30' },
      { start: '2025-11-01', end: '2025-11-30' },
    ],
    [
      { start: '2028-02-29', end: '2028-02-29' },
      { start: '2027-02-28', end: '2027-02-28' },
    ],
    [
      { start: '2028-02-01', end: '2028-02-29' },
      { start: '2027-02-01', end: '2027-02-28' },
    ],
    [
      { start: '2028-02-29', end: '2028-03-31' },
      { start: '2027-02-28', end: '2027-03-31' },
    ],
    [
      { start: '2025-12-15', end: '2026-01-14' },
      { start: '2024-12-15', end: '2025-01-14' },
    ],
    [
      { start: '2029-02-28', end: '2029-03-01' },
      { start: '2028-02-28', end: '2028-03-01' },
    ],
  ])('%o → %o', (range, expected) => {
    expect(yearEarlierPeriod(range)).toEqual(expected);
    expect(comparisonPeriod(range, 'year')).toEqual(expected);
  });

  test('off compares with nothing', () => {
    expect(comparisonPeriod({ start: '2026-01-01', end: '2026-01-31' }, 'off')).toBeNull();
  });
});

describe('parseCompare', () => {
  test.each([
    [undefined, 'previous'],
    [[''], 'previous'],
    [['previous'], 'previous'],
    [['year'], 'year'],
    [[' off '], 'off'],
  ])('%o → %s', (values, compare) => {
    expect(parseCompare(values)).toEqual({ ok: true, compare });
  });

  test.each([
    [['YEAR'], 'invalid_compare'],
    [['last'], 'invalid_compare'],
    [['year', 'off'], 'repeated_param'],
  ])('%o is refused with %s', (values, code) => {
    const result = parseCompare(values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('change maths', () => {
  test.each([
    [2083, 1980, 0.05202],
    [0, 50, -1],
    [50, 50, 0],
    [5, 0, null],
    [0, 0, null],
  ])('relative change of %i against %i is %s', (current, earlier, expected) => {
    const change = relativeChange(current, earlier);
    if (expected === null) expect(change).toBeNull();
    else expect(change).toBeCloseTo(expected, 4);
  });

  test('0 → n is "new", n → 0 is down 100%, 0 → 0 is no change; never Infinity or NaN', () => {
    expect(toCountMove(12, 0)).toEqual({ kind: 'new' });
    expect(toCountMove(0, 12)).toEqual({ kind: 'relative', direction: 'down', value: -1 });
    expect(toCountMove(0, 0)).toEqual({ kind: 'none' });
    expect(toCountMove(10, 10)).toEqual({ kind: 'relative', direction: 'flat', value: 0 });
  });

  test.each([
    [0.78, 0.765, 1.5],
    [0.5, 0.75, -25],
    [0.7, null, null],
    [null, 0.7, null],
    [0, 0, 0],
  ])('rates %s against %s move %s percentage points', (current, earlier, expected) => {
    const change = pointsChange(current, earlier);
    if (expected === null) expect(change).toBeNull();
    else expect(change).toBeCloseTo(expected, 10);
  });

  test('direction and tone: up is good for received, bad for unmatched; tiny changes are flat', () => {
    expect(directionOf(0.0004, 0.0005)).toBe('flat');
    expect(directionOf(-0.01, 0.0005)).toBe('down');
    expect(toneOf('up', 'up-is-good')).toBe('good');
    expect(toneOf('up', 'up-is-bad')).toBe('bad');
    expect(toneOf('down', 'up-is-bad')).toBe('good');
    expect(toneOf('new', 'up-is-bad')).toBe('bad');
    expect(toneOf('flat', 'up-is-good')).toBe('neutral');
  });
});
