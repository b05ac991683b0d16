import { describe, expect, it } from 'vitest';
import { isDueForCheck, localTime, windowKey, windowQuery, windowRange } from '@/lib/alerts/windows';
import { isBreached, isClearlyResolved, metricValue, resolveMargin } from '@/lib/alerts/evaluate';

const SAO_PAULO = 'America/Sao_Paulo';

describe('alert windows', () => {
  // 02:30 UTC on Tuesday 1 December is still Monday 30 November in São Paulo (UTC−3).
  const now = new Date('2026-12-01T02:30:00Z');

  it('are calendar days in the app timezone', () => {
    expect(windowRange('today', now, SAO_PAULO)).toEqual({ start: '2026-11-30', end: '2026-11-30', timeZone: SAO_PAULO });
    expect(windowRange('yesterday', now, SAO_PAULO)).toMatchObject({ start: '2026-11-29', end: '2026-11-29' });
    expect(windowRange('last_7_days', now, SAO_PAULO)).toMatchObject({ start: '2026-11-24', end: '2026-11-30' });
    expect(windowRange('today', now, 'UTC')).toMatchObject({ start: '2026-12-01', end: '2026-12-01' });
  });

  it('link to the dashboard preset with the same days', () => {
    expect(windowQuery('last_7_days')).toBe('range=7d');
    expect(windowQuery('today')).toBe('range=today');
  });

  it('share a key when the days are the same', () => {
    expect(windowKey(windowRange('today', now, 'UTC'))).toBe(windowKey(windowRange('today', new Date('2026-12-01T23:59:00Z'), 'UTC')));
  });

  it('read the local time and weekday', () => {
    expect(localTime(now, SAO_PAULO)).toEqual({ minutes: 23 * 60 + 30, weekday: 'mon' });
  });
});

describe('callbacks stopped: checked after a time on chosen weekdays', () => {
  const rule = { after: '11:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] as const };

  it('is not checked in the quiet morning', () => {
    expect(isDueForCheck(rule, new Date('2026-11-30T13:59:00Z'), SAO_PAULO)).toBe(false); // 10:59 Monday
    expect(isDueForCheck(rule, new Date('2026-11-30T14:00:00Z'), SAO_PAULO)).toBe(true); // 11:00 Monday
  });

  it('is not checked on a Sunday', () => {
    expect(isDueForCheck(rule, new Date('2026-11-29T18:00:00Z'), SAO_PAULO)).toBe(false);
  });

  it('without after or weekdays is always checked', () => {
    expect(isDueForCheck({}, new Date('2026-11-29T00:00:00Z'), SAO_PAULO)).toBe(true);
    expect(isDueForCheck({ after: null, weekdays: [] }, new Date('2026-11-29T00:00:00Z'), SAO_PAULO)).toBe(true);
  });
});

describe('alert values', () => {
  const stats = { totals: { received: 10, answered: 8, unmatched: 1, notAnswered: 2 }, rates: { answerRate: 0.8, unmatchedRate: 0.1 } };

  it('read each metric from the figures', () => {
    expect(metricValue('answer_rate', stats)).toBe(0.8);
    expect(metricValue('unmatched_rate', stats)).toBe(0.1);
    expect(metricValue('received', stats)).toBe(10);
    expect(metricValue('answered', stats)).toBe(8);
    expect(metricValue('not_answered', stats)).toBe(2);
  });

  it('breach strictly past the threshold, and resolve past the margin', () => {
    expect(isBreached({ comparator: 'below', threshold: 0.8 }, 0.8)).toBe(false);
    expect(isBreached({ comparator: 'below', threshold: 0.8 }, 0.79)).toBe(true);
    expect(isBreached({ comparator: 'above', threshold: 5 }, 6)).toBe(true);
    expect(resolveMargin({ metric: 'answer_rate', threshold: 0.8 })).toBe(0.01);
    expect(resolveMargin({ metric: 'received', threshold: 200 })).toBe(10);
    expect(isClearlyResolved({ metric: 'answer_rate', comparator: 'below', threshold: 0.8 }, 0.81)).toBe(true);
    expect(isClearlyResolved({ metric: 'answer_rate', comparator: 'below', threshold: 0.8 }, 0.8099)).toBe(false);
  });
});
