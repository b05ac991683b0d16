import { describe, expect, it } from 'vitest';
import {
  INITIAL_STATUS,
  UNKNOWN_NOTICE_AFTER_MS,
  nextStatus,
  type Reading,
  type RuleSettings,
  type RuleStatus,
} from '@/lib/alerts/state-machine';
import { ManualClock } from '../support/manual-clock';

const MINUTE = 60_000;

const answerRateBelow80: RuleSettings = { metric: 'answer_rate', comparator: 'below', threshold: 0.8, remindEveryHours: 24 };

/** Drives one rule through readings, a check every five minutes, and keeps what was notified. */
function driver(rule: RuleSettings) {
  const clock = new ManualClock(Date.UTC(2026, 11, 1, 12));
  let status: RuleStatus = { ...INITIAL_STATUS, since: clock.now() };
  const notified: string[] = [];
  const check = (reading: Reading, after = 5 * MINUTE) => {
    clock.advance(after);
    const step = nextStatus(rule, status, reading, clock.now());
    status = step.status;
    notified.push(...step.transitions.filter((t) => t.notify).map((t) => t.kind));
    return step;
  };
  const value = (v: number | null, after?: number) => check({ kind: 'value', value: v }, after);
  const down = (after?: number) => check({ kind: 'unreadable', reason: 'upstream_unavailable' }, after);
  return { clock, value, down, notified, status: () => status };
}

describe('alert states', () => {
  it('a drop fires once and stays quiet while firing', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.85);
    rule.value(0.7);
    rule.value(0.6);
    rule.value(0.75);
    expect(rule.notified).toEqual(['firing']);
    expect(rule.status().state).toBe('firing');
  });

  it('a value hovering at the threshold neither resolves nor fires again', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.79);
    for (const value of [0.8, 0.805, 0.79, 0.809, 0.799]) rule.value(value);
    expect(rule.notified).toEqual(['firing']);
  });

  it('resolves once when back past the 1 point margin, and does not re-fire at the threshold', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.7);
    rule.value(0.81);
    rule.value(0.82);
    rule.value(0.8);
    expect(rule.notified).toEqual(['firing', 'resolved']);
    expect(rule.status().state).toBe('ok');
  });

  it('counts resolve past 5% of the threshold', () => {
    const rule = driver({ metric: 'received', comparator: 'below', threshold: 100, remindEveryHours: 24 });
    rule.value(90);
    rule.value(104);
    expect(rule.status().state).toBe('firing');
    rule.value(105);
    expect(rule.notified).toEqual(['firing', 'resolved']);
  });

  it('above rules resolve below the threshold minus the margin', () => {
    const rule = driver({ metric: 'unmatched_rate', comparator: 'above', threshold: 0.1, remindEveryHours: 24 });
    rule.value(0.12);
    rule.value(0.095);
    rule.value(0.09);
    expect(rule.notified).toEqual(['firing', 'resolved']);
  });

  it('reminds once a day while firing', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.7);
    for (let i = 0; i < 12 * 24 * 2; i++) rule.value(0.7); // two days of five-minute checks
    expect(rule.notified).toEqual(['firing', 'reminder', 'reminder']);
  });

  it('reminds at the rule’s own interval, or never', () => {
    const every6h = driver({ ...answerRateBelow80, remindEveryHours: 6 });
    const never = driver({ ...answerRateBelow80, remindEveryHours: null });
    for (const rule of [every6h, never]) for (let i = 0; i < 12 * 24; i++) rule.value(0.7);
    expect(every6h.notified).toEqual(['firing', 'reminder', 'reminder', 'reminder']);
    expect(never.notified).toEqual(['firing']);
  });

  it('a failed read is unknown, never a drop to zero, and silent for the first 30 minutes', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.9);
    rule.down();
    expect(rule.status()).toMatchObject({ state: 'unknown', value: 0.9 });
    for (let i = 0; i < 4; i++) rule.down();
    expect(rule.notified).toEqual([]);
  });

  it('after 30 minutes unknown it says once that it cannot check, and once that it can again', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.9);
    rule.down();
    rule.down(UNKNOWN_NOTICE_AFTER_MS - 1);
    expect(rule.notified).toEqual([]);
    rule.down(1);
    for (let i = 0; i < 20; i++) rule.down();
    expect(rule.notified).toEqual(['cannot_check']);
    rule.value(0.9);
    rule.value(0.9);
    expect(rule.notified).toEqual(['cannot_check', 'can_check']);
    expect(rule.status().state).toBe('ok');
  });

  it('a short outage while firing neither resolves nor fires again', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.7);
    rule.down();
    rule.value(0.7);
    expect(rule.notified).toEqual(['firing']);
    expect(rule.status().state).toBe('firing');
    rule.down();
    rule.value(0.85);
    expect(rule.notified).toEqual(['firing', 'resolved']);
  });

  it('keeps when firing began through an unknown spell', () => {
    const rule = driver(answerRateBelow80);
    rule.value(0.7);
    const firedAt = rule.status().since;
    rule.down();
    rule.value(0.7);
    expect(rule.status().since).toBe(firedAt);
  });

  it('a rate of nothing received changes nothing', () => {
    const rule = driver(answerRateBelow80);
    rule.value(null);
    expect(rule.status().state).toBe('ok');
    rule.value(0.5);
    rule.value(null);
    expect(rule.status().state).toBe('firing');
    expect(rule.notified).toEqual(['firing']);
  });
});
