import { describe, expect, it } from 'vitest';
import { MAX_THRESHOLD_LINES, thresholdLinesOf } from '@/lib/alerts/chart-lines';
import type { AlertRule } from '@/lib/alerts/store';

const rule = (id: string, overrides: Partial<AlertRule> = {}): AlertRule => ({
  id,
  name: `Rule ${id}`,
  metric: 'answer_rate',
  window: 'today',
  comparator: 'below',
  threshold: 0.8,
  after: null,
  weekdays: null,
  paused: false,
  emails: ['team@example.com'],
  webhook: null,
  webhookSecret: 'whsec_never_shown',
  locale: 'en',
  remindEveryHours: 24,
  status: { state: 'ok' } as AlertRule['status'],
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'owner@example.com',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'owner@example.com',
  ...overrides,
});

describe('alert thresholds on the trend chart', () => {
  it('are the active answer-rate rules only: the chart plots no other rate', () => {
    const lines = thresholdLinesOf([
      rule('a'),
      rule('b', { metric: 'unmatched_rate' }),
      rule('c', { metric: 'received', threshold: 10 }),
      rule('d', { paused: true }),
      rule('e', { comparator: 'above', threshold: 0.95 }),
    ]);
    expect(lines).toEqual([
      { ruleId: 'a', name: 'Rule a', comparator: 'below', threshold: 0.8 },
      { ruleId: 'e', name: 'Rule e', comparator: 'above', threshold: 0.95 },
    ]);
  });

  it('are at most a few, the first rules made, and carry nothing secret', () => {
    const lines = thresholdLinesOf(['a', 'b', 'c', 'd', 'e'].map((id) => rule(id)));
    expect(lines.map((line) => line.ruleId)).toEqual(['a', 'b', 'c'].slice(0, MAX_THRESHOLD_LINES));
    expect(JSON.stringify(lines)).not.toMatch(/whsec_|@example\.com/);
  });
});
