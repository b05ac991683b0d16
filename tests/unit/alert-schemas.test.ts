import { describe, expect, it } from 'vitest';
import { checkMergedRule, createAlertSchema, describeIssue, patchAlertSchema } from '@/lib/alerts/schemas';

const valid = {
  name: 'Answer rate dropped',
  metric: 'answer_rate',
  window: 'today',
  comparator: 'below',
  threshold: 0.8,
  emails: ['team@example.com'],
};

function firstProblem(input: unknown, schema = createAlertSchema) {
  const result = schema.safeParse(input);
  if (result.success) return null;
  return describeIssue(result.error.issues[0]!);
}

describe('alert rule contract', () => {
  it('accepts a rule and fills the defaults', () => {
    expect(createAlertSchema.parse(valid)).toMatchObject({ paused: false, webhook: null, remind_every_hours: 24 });
  });

  it('accepts callbacks stopped: received below N today after a time on weekdays', () => {
    const rule = { ...valid, metric: 'received', threshold: 1, after: '11:00', weekdays: ['mon', 'fri'] };
    expect(createAlertSchema.parse(rule)).toMatchObject({ after: '11:00', weekdays: ['mon', 'fri'] });
  });

  it('names the field of each problem', () => {
    expect(firstProblem({ ...valid, metric: 'calls' })?.field).toBe('metric');
    expect(firstProblem({ ...valid, window: 'week' })?.field).toBe('window');
    expect(firstProblem({ ...valid, comparator: 'equals' })?.field).toBe('comparator');
    expect(firstProblem({ ...valid, threshold: '80' })?.field).toBe('threshold');
    expect(firstProblem({ ...valid, threshold: 80 })).toEqual({
      field: 'threshold',
      message: 'threshold: a rate is a fraction from 0 to 1 (0.8 is 80%)',
    });
    expect(firstProblem({ ...valid, after: '25:00' })?.field).toBe('after');
    expect(firstProblem({ ...valid, weekdays: ['mon', 'mon'] })?.field).toBe('weekdays');
    expect(firstProblem({ ...valid, emails: ['not an address'] })?.field).toBe('emails');
    expect(firstProblem({ ...valid, emails: [] })?.field).toBe('emails');
    expect(firstProblem({ ...valid, webhook: { url: 'https://hooks.example.com/x', format: 'xml' } })?.field).toBe('webhook.format');
    expect(firstProblem({ ...valid, name: ' ' })?.field).toBe('name');
    expect(firstProblem({ ...valid, id: 'x' })).toEqual({ field: 'id', message: 'id: is not a field of an alert rule' });
  });

  it('patches any field, and checks the merged rule', () => {
    expect(patchAlertSchema.parse({ paused: true })).toEqual({ paused: true });
    expect(checkMergedRule({ metric: 'answer_rate', threshold: 5, emails: ['a@example.com'], webhook: null })[0]?.path).toEqual(['threshold']);
    expect(checkMergedRule({ metric: 'received', threshold: 5, emails: ['a@example.com'], webhook: null })).toEqual([]);
  });
});
