import { expect, it } from 'vitest';
import { duePeriod, lastCompletePeriod, localTimeToUtc } from '@/lib/digests/periods';

const saoPaulo = { timeZone: 'America/Sao_Paulo', weekStart: 'monday', sendHour: 8 } as const;

it('finds the wall-clock hour in the timezone', () => {
  expect(localTimeToUtc('2026-12-01', 8, 'America/Sao_Paulo').toISOString()).toBe('2026-12-01T11:00:00.000Z');
  expect(localTimeToUtc('2026-07-01', 8, 'Europe/Lisbon').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  expect(localTimeToUtc('2026-01-01', 0, 'UTC').toISOString()).toBe('2026-01-01T00:00:00.000Z');
});

it('daily covers yesterday, due at the send hour today, and catches up within 24 h', () => {
  const due = duePeriod('daily', new Date('2026-12-03T11:00:00Z'), saoPaulo);
  expect(due).toEqual({ start: '2026-12-02', end: '2026-12-02', dueAt: new Date('2026-12-03T11:00:00Z') });
  // 07:59 local: yesterday's send hour already passed for the day before.
  expect(duePeriod('daily', new Date('2026-12-03T10:59:00Z'), saoPaulo)).toMatchObject({ start: '2026-12-01', end: '2026-12-01' });
});

it('weekly covers the last complete week from APP_WEEK_START; monthly the last month', () => {
  // Thursday 3 December 2026.
  const now = new Date('2026-12-03T12:00:00Z');
  expect(lastCompletePeriod('weekly', now, saoPaulo)).toMatchObject({ start: '2026-11-23', end: '2026-11-29' });
  expect(lastCompletePeriod('weekly', now, { ...saoPaulo, weekStart: 'sunday' })).toMatchObject({ start: '2026-11-22', end: '2026-11-28' });
  expect(lastCompletePeriod('monthly', now, saoPaulo)).toMatchObject({ start: '2026-11-01', end: '2026-11-30' });
  // Due on Monday 30 November at 08:00 local; three days later it is no longer sent.
  expect(duePeriod('weekly', now, saoPaulo)).toBeNull();
  expect(duePeriod('weekly', new Date('2026-11-30T11:00:00Z'), saoPaulo)).toMatchObject({ start: '2026-11-23', end: '2026-11-29' });
  expect(duePeriod('weekly', new Date('2026-12-01T10:59:00Z'), saoPaulo)).toMatchObject({ start: '2026-11-23' });
  expect(duePeriod('weekly', new Date('2026-12-01T11:00:00Z'), saoPaulo)).toBeNull();
  expect(duePeriod('monthly', new Date('2026-12-01T11:30:00Z'), saoPaulo)).toMatchObject({ start: '2026-11-01', end: '2026-11-30' });
});
