import { afterEach, describe, expect, it, vi } from 'vitest';
import { runJob, type Job } from '@/lib/jobs/scheduler';

afterEach(() => vi.restoreAllMocks());

describe('a scheduled job through an outage', () => {
  it('logs the first failure and the recovery, not every failed run', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    let down = true;
    const job: Job = {
      name: 'outage-test',
      pattern: '* * * * *',
      run: async () => {
        if (down) throw new Error('database unavailable');
      },
    };
    for (let minute = 0; minute < 60; minute++) await runJob(job);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'scheduled_job_failed', job: 'outage-test' });
    down = false;
    await runJob(job);
    await runJob(job);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toEqual({ event: 'scheduled_job_recovered', job: 'outage-test', failed_runs: 60 });
    down = true;
    await runJob(job);
    expect(lines).toHaveLength(3); // a new outage is logged again
  });
});
