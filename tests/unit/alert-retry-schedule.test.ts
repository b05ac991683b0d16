import { describe, expect, it } from 'vitest';
import { RETRY_FOR_MS, nextAttemptAt } from '@/lib/alerts/retry-schedule';

describe('notification retries', () => {
  it('back off from 30 s, doubling, for an hour, then give up', () => {
    const first = 1_000_000;
    let now = first;
    const waits: number[] = [];
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(first, attempts, now);
      if (next === null) break;
      waits.push((next - now) / 1000);
      now = next;
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1710]);
    expect(now - first).toBe(RETRY_FOR_MS);
  });
});
