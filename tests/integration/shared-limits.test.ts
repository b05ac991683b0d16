// The member share and the sign-in throttle with REDIS_URL set (a real redis-server): their
// counts are shared, so a second instance (a fresh set of limiters, as in another process)
// sees what the first one counted. With Redis gone, each falls back to its in-memory insurance.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { authorizeCredentials } from '@/lib/auth/credentials';
import { hashPassword } from '@/lib/auth/password';
import { PASSWORD_CHECKS_AT_ONCE, takePasswordCheckSlot } from '@/lib/auth/password-gate';
import { runInSignInScope } from '@/lib/auth/sign-in-scope';
import { reserveSignInAttempt, resetSignInThrottle } from '@/lib/auth/throttle';
import { getRedisClient } from '@/lib/store/redis-client';
import { createMemoryMissShare, createRedisMissShare } from '@/lib/talkover/member-fair-share';
import { setUpSharedRedis } from '../support/shared-redis';

const redis = setUpSharedRedis(() => {
  resetSignInThrottle();
  // The throttle reads the lockout length from the auth settings, which need these two.
  vi.stubEnv('NEXTAUTH_SECRET', 'shared-limits-tests-session-secret-0123456789');
  vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
});

describe.each([
  { kind: 'memory', create: () => createMemoryMissShare(3) },
  { kind: 'redis', create: () => createRedisMissShare(3, getRedisClient(redis.url), 'test:share') },
])('the $kind member share', ({ create }) => {
  it('allows the share per minute, then refuses with the time left', async () => {
    const share = create();
    for (let n = 0; n < 3; n += 1) expect(await share.take('member-a')).toEqual({ ok: true });
    const refused = await share.take('member-a');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    expect(await share.take('member-b')).toEqual({ ok: true });
  });
});

describe('with Redis', () => {
  it('counts a member share once across instances', async () => {
    const [first, second] = [1, 2].map(() => createRedisMissShare(3, getRedisClient(redis.url), 'test:share'));
    expect(await first!.take('member')).toEqual({ ok: true });
    expect(await second!.take('member')).toEqual({ ok: true });
    expect(await first!.take('member')).toEqual({ ok: true });
    expect((await second!.take('member')).ok).toBe(false);
  });

  it('locks an account at every instance after 5 wrong passwords at one', async () => {
    for (let n = 0; n < 5; n += 1) {
      const verdict = await reserveSignInAttempt('ana@example.com', '203.0.113.9');
      expect(verdict.allowed).toBe(true);
      if (verdict.allowed) await verdict.attempt.settle('failure');
    }
    // Another process: limiters made afresh, nothing in its memory.
    resetSignInThrottle();
    const locked = await reserveSignInAttempt('ana@example.com', '203.0.113.9');
    expect(locked).toEqual({ allowed: false, retryAfterSeconds: 60 });
    const keys = await getRedisClient(redis.url).keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith('callback-stats:auth:signin:') && !key.includes('ana'))).toBe(true);
  });

  it('keeps throttling in memory while Redis is down', async () => {
    await redis.kill();
    try {
      for (let n = 0; n < 5; n += 1) {
        const verdict = await reserveSignInAttempt('bo@example.com', '203.0.113.10');
        expect(verdict.allowed).toBe(true);
        if (verdict.allowed) await verdict.attempt.settle('failure');
      }
      expect((await reserveSignInAttempt('bo@example.com', '203.0.113.10')).allowed).toBe(false);
    } finally {
      await redis.start();
    }
  });

  it('answers from memory while Redis hangs, long before the connection gives up', async () => {
    // A Lua script that spins for 900 ms blocks Redis for everyone: a Redis that hangs rather
    // than dies. The limiters give Redis 100 ms; the connection's own backstop is 1 s.
    const blocker = new Redis(redis.url);
    const order: string[] = [];
    try {
      const spin = blocker
        .eval(
          "local s = redis.call('TIME') repeat local n = redis.call('TIME') until (n[1] - s[1]) * 1000000 + (n[2] - s[2]) > 900000 return 1",
          0,
        )
        .then(() => order.push('redis answered again'));
      await new Promise((resolve) => setTimeout(resolve, 50)); // the script is running
      const share = createRedisMissShare(3, getRedisClient(redis.url), 'test:share');
      const verdict = await share.take('member');
      order.push('member share answered');
      const attempt = await reserveSignInAttempt('cy@example.com', '203.0.113.11');
      order.push('sign-in throttle answered');
      await spin;
      expect(verdict).toEqual({ ok: true });
      expect(attempt.allowed).toBe(true);
      expect(order).toEqual(['member share answered', 'sign-in throttle answered', 'redis answered again']);
    } finally {
      blocker.disconnect();
    }
  });
});

describe('busy refusals', () => {
  it('thousands of them, with random emails, leave the throttle store as it was', async () => {
    vi.stubEnv('AUTH_USERS', `ana@example.com:${await hashPassword('correct horse', { logN: 10, r: 8, p: 1 })}`);
    const client = getRedisClient(redis.url);
    // One real failure first, so the store holds keys to compare with.
    const first = await runInSignInScope({ address: '203.0.113.20' }, () =>
      authorizeCredentials({ email: 'ana@example.com', password: 'wrong' }),
    );
    expect(first.value).toBeNull();
    const before = await client.dbsize();
    expect(before).toBeGreaterThan(0);
    // Every password check slot taken: each attempt below is refused as busy.
    const slots = Array.from({ length: PASSWORD_CHECKS_AT_ONCE }, () => takePasswordCheckSlot()!);
    try {
      for (let n = 0; n < 2_000; n += 1) {
        const { refusal } = await runInSignInScope({ address: `198.51.${n % 250}.${n % 200}` }, () =>
          authorizeCredentials({ email: `${randomUUID()}@example.com`, password: 'guess' }),
        );
        expect(refusal?.kind).toBe('busy');
      }
    } finally {
      slots.forEach((release) => release());
    }
    expect(await client.dbsize()).toBe(before);
  });
});
