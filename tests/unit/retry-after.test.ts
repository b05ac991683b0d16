import { describe, expect, test } from 'vitest';
import { parseRetryAfter } from '@/lib/talkover/retry-after';

describe('parseRetryAfter', () => {
  const NOW = new Date('2026-03-15T12:00:00Z');

  test.each<{ value: string | null; now?: Date; seconds: number | undefined }>([
    { value: '30', seconds: 30 },
    { value: ' 30 ', seconds: 30 },
    { value: '0', seconds: 0 },
    { value: '86400', seconds: 86_400 },
    { value: '86401', seconds: 86_400 },
    { value: '99999999999999999999', seconds: 86_400 },
    { value: 'Sun, 15 Mar 2026 12:01:30 GMT', seconds: 90 },
    { value: 'Sun, 15 Mar 2026 12:00:00 GMT', seconds: 0 },
    { value: 'Sun, 15 Mar 2026 11:00:00 GMT', seconds: 0 },
    { value: 'Tue, 17 Mar 2026 12:00:00 GMT', seconds: 86_400 },
    { value: 'Sun, 15 Mar 2026 12:01:00 GMT', now: new Date('2026-03-15T12:00:00.500Z'), seconds: 60 },
    { value: null, seconds: undefined },
    { value: '', seconds: undefined },
    { value: 'soon', seconds: undefined },
    { value: '30s', seconds: undefined },
    // Neither delta-seconds nor an HTTP date: unreadable, so no hint (not "retry now").
    { value: '-5', seconds: undefined },
    { value: '1.5', seconds: undefined },
  ])('$value → $seconds', ({ value, now, seconds }) => {
    expect(parseRetryAfter(value, now ?? NOW)).toBe(seconds);
  });
});
