import { afterEach, describe, expect, test, vi } from 'vitest';
import { formatCount, formatDateTime, formatDay, formatDayRange, formatPercent, formatTime, NO_VALUE } from '@/lib/format';

/** ICU versions differ on the space before AM/PM (U+0020 or U+202F): compare on plain spaces. */
const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('formatCount', () => {
  test.each([
    { value: 1_234_567, locale: 'en-US', text: '1,234,567' },
    { value: 1_234_567, locale: 'pt-BR', text: '1.234.567' },
    { value: 1_234_567, locale: 'de-DE', text: '1.234.567' },
    { value: 1_234, locale: 'en-US', text: '1,234' },
    { value: 999, locale: 'en-US', text: '999' },
    { value: 0, locale: 'en-US', text: '0' },
    { value: 0, locale: 'pt-BR', text: '0' },
    { value: 184, locale: 'pt-BR', text: '184' },
    // Counts are whole numbers: a stray fraction is rounded, never printed.
    { value: 1_234.6, locale: 'en-US', text: '1,235' },
  ])('$value in $locale → $text', ({ value, locale, text }) => {
    expect(formatCount(value, locale)).toBe(text);
  });
});

describe('formatPercent', () => {
  test.each([
    { value: 0.772, locale: 'en-US', text: '77.2%' },
    { value: 0.772, locale: 'pt-BR', text: '77,2%' },
    { value: 142 / 184, locale: 'en-US', text: '77.2%' },
    { value: 12 / 184, locale: 'en-US', text: '6.5%' },
    { value: 0, locale: 'en-US', text: '0.0%' },
    { value: 1, locale: 'en-US', text: '100.0%' },
    { value: 1, locale: 'pt-BR', text: '100,0%' },
    { value: 0.0005, locale: 'en-US', text: '0.1%' },
    { value: 1.1, locale: 'en-US', text: '110.0%' },
  ])('$value in $locale → $text', ({ value, locale, text }) => {
    expect(formatPercent(value, locale)).toBe(text);
  });

  test.each([null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%s → a dash', (value) => {
    expect(formatPercent(value, 'en-US')).toBe('—');
    expect(formatPercent(value, 'pt-BR')).toBe(NO_VALUE);
  });
});

describe('formatDay and formatDayRange', () => {
  test.each([
    { date: '2026-01-01', locale: 'en-US', text: 'Jan 1, 2026' },
    { date: '2026-01-01', locale: 'en-GB', text: '1 Jan 2026' },
    { date: '2026-01-01', locale: 'pt-BR', text: '1 de jan. de 2026' },
    { date: '2025-12-31', locale: 'en-US', text: 'Dec 31, 2025' },
    { date: '2024-02-29', locale: 'en-US', text: 'Feb 29, 2024' },
  ])('$date in $locale → $text', ({ date, locale, text }) => {
    expect(formatDay(date, locale)).toBe(text);
  });

  test.each(['UTC', 'America/Sao_Paulo', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Asia/Tokyo', 'America/Los_Angeles'])(
    'no timezone shift for 2026-01-01 when the process runs in %s',
    (timeZone) => {
      vi.stubEnv('TZ', timeZone);
      // Prove the process timezone really changed (UTC−11 and UTC+14 are the extremes).
      if (timeZone === 'Pacific/Pago_Pago') expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(660);
      if (timeZone === 'Pacific/Kiritimati') expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-840);
      expect(formatDay('2026-01-01', 'en-US')).toBe('Jan 1, 2026');
      expect(formatDayRange('2025-12-31', '2026-01-01', 'en-US')).toBe('Dec 31, 2025 – Jan 1, 2026');
    },
  );

  test.each([
    { start: '2026-03-01', end: '2026-03-15', locale: 'en-US', text: 'Mar 1, 2026 – Mar 15, 2026' },
    { start: '2026-03-01', end: '2026-03-15', locale: 'pt-BR', text: '1 de mar. de 2026 – 15 de mar. de 2026' },
    { start: '2026-03-15', end: '2026-03-15', locale: 'en-US', text: 'Mar 15, 2026' },
  ])('$start … $end in $locale → $text', ({ start, end, locale, text }) => {
    expect(formatDayRange(start, end, locale)).toBe(text);
  });
});

describe('formatTime', () => {
  test.each([
    { at: '2026-03-15T14:03:00Z', locale: 'en-GB', timeZone: 'UTC', text: '14:03' },
    { at: '2026-03-15T14:03:00Z', locale: 'en-US', timeZone: 'UTC', text: '02:03 PM' },
    { at: '2026-03-15T14:03:00Z', locale: 'pt-BR', timeZone: 'America/Sao_Paulo', text: '11:03' },
    { at: '2026-03-15T14:03:00Z', locale: 'pt-BR', timeZone: 'Asia/Tokyo', text: '23:03' },
    { at: '2026-03-15T23:30:00.000Z', locale: 'en-GB', timeZone: 'Asia/Kolkata', text: '05:00' },
  ])('$at in $timeZone ($locale) → $text', ({ at, locale, timeZone, text }) => {
    expect(plainSpaces(formatTime(at, locale, timeZone))).toBe(text);
  });

  test('uses the given timezone, not the process one', () => {
    vi.stubEnv('TZ', 'Asia/Tokyo');
    expect(formatTime('2026-03-15T14:03:00Z', 'en-GB', 'UTC')).toBe('14:03');
  });
});

describe('formatDateTime', () => {
  test.each([
    { at: '2026-03-15T14:03:00Z', locale: 'en-GB', timeZone: 'UTC', text: '15 Mar 2026, 14:03' },
    { at: '2026-03-16T01:30:00Z', locale: 'en-GB', timeZone: 'America/Sao_Paulo', text: '15 Mar 2026, 22:30' },
  ])('$at in $timeZone ($locale) → $text', ({ at, locale, timeZone, text }) => {
    expect(plainSpaces(formatDateTime(at, locale, timeZone))).toBe(text);
  });
});
