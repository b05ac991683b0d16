import path from 'node:path';
import { fetch } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { startAppInstance } from '../../scripts/lib/stack';
import { startSimulator, type Simulator } from '../../simulator/server';
import { startRedisServer, type RedisServer } from '../../scripts/lib/redis-server';
import { sessionCookie } from '../support/session';
import { E2E } from './support/context';
import { closeAgents, signInOver } from './support/sign-in-http';

/**
 * Two `next start` instances of the suite's build sharing one Redis (REDIS_URL) and one
 * simulator, as behind a load balancer: one cache, one single-flight, one budget and pause,
 * one sign-in throttle. Talkover's limit is 10 a minute here; each request comes from its own
 * member (a session cookie signed with the app's secret) so members' shares stay out of the way.
 */
const { env, serverLog } = inject('e2e');
let redis: RedisServer;
let admin: Redis;
let simulator: Simulator;
let instances: { appUrl: string; stop(): Promise<void> }[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
  simulator = await startSimulator({ token: E2E.canaryToken, port: 0, rateLimitPerMinute: 100_000 });
  const shared = {
    ...env,
    NODE_ENV: 'production',
    REDIS_URL: redis.url,
    TALKOVER_API_URL: simulator.url,
    TALKOVER_RATE_LIMIT_PER_MINUTE: '10',
  } as NodeJS.ProcessEnv;
  const logOf = (name: string) => path.join(path.dirname(serverLog), `e2e-shared-state-${name}.log`);
  instances = await Promise.all(
    ['a', 'b'].map((name) => startAppInstance({ name: `shared-state-${name}`, env: shared, serverLog: logOf(name) })),
  );
  // One request each, so the tests below do not time a cold start.
  for (const at of [0, 1]) expect((await stats(at, 0)).status).toBe(200);
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await simulator?.close();
  admin?.disconnect();
  await redis?.stop();
  await closeAgents();
});
beforeEach(async () => {
  await admin.flushall();
  simulator.reset();
});

let member = 0;
/** GET /api/stats for a settled week (`n` picks it), at instance `at`, as a member of its own. */
async function stats(at: number, n: number) {
  member += 1;
  const cookie = await sessionCookie({ email: `member-${member}@example.com`, secret: env.NEXTAUTH_SECRET });
  const start = new Date(Date.UTC(2020, 0, 6) + n * 7 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(2020, 0, 12) + n * 7 * 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${instances[at]!.appUrl}/api/stats?start_date=${start}&end_date=${end}`, { headers: { cookie } });
  const body = (await response.json()) as { meta?: { cache: string } };
  return { status: response.status, cache: body.meta?.cache };
}

const healthAt = async (at: number) => ((await (await fetch(`${instances[at]!.appUrl}/api/health`)).json()) as { status: string }).status;

describe('two instances sharing Redis', () => {
  it('turn 200 concurrent identical requests split across both into 1 Talkover call', async () => {
    simulator.setLatency(400);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, n) => stats(n % 2, 1)));
    simulator.setLatency(0);
    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(200));
    expect(simulator.requestCount()).toBe(1);
  });

  it('answer a value cached by one as a hit at the other', async () => {
    expect(await stats(0, 2)).toEqual({ status: 200, cache: 'miss' });
    expect(await stats(1, 2)).toEqual({ status: 200, cache: 'hit' });
    expect(simulator.requestCount()).toBe(1);
  });

  it('spend one budget of 10 a minute together: 30 new ranges split across both make at most 10 calls in any minute, none a 500', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, n) => stats(n % 2, 100 + n)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBe(simulator.requestCount());
    // The whole test runs within a minute: every call falls in one 60 s window.
    const times = simulator.requests().map((request) => request.at);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(60_000);
    expect(simulator.requestCount()).toBeLessThanOrEqual(10);
    expect(simulator.requestCount()).toBeGreaterThan(0);
  });

  it('lock an account at the other after 5 wrong passwords at one', async () => {
    for (let n = 0; n < 5; n += 1) {
      expect((await signInOver(instances[0]!.appUrl, { email: E2E.lockoutEmail, password: `wrong-${n}`, from: '127.0.0.5' })).status).toBe(401);
    }
    const locked = await signInOver(instances[1]!.appUrl, { email: E2E.lockoutEmail, password: E2E.password, from: '127.0.0.5' });
    expect(locked.status).toBe(429);
  });

  it('answer every request with Redis killed mid-load, report degraded, and recover when it is back', async () => {
    // Few ranges, so even both instances on their own budgets stay within Talkover's limit.
    const load = Array.from({ length: 120 }, (_, n) => async () => {
      await new Promise((resolve) => setTimeout(resolve, n * 10));
      return stats(n % 2, 300 + (n % 3));
    });
    const running = Promise.all(load.map((request) => request()));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await redis.kill();
    const during = await running;
    const after = await Promise.all(Array.from({ length: 20 }, (_, n) => stats(n % 2, 300 + (n % 3))));
    expect([...during, ...after].filter((answer) => answer.status >= 500)).toEqual([]);
    expect([await healthAt(0), await healthAt(1)]).toEqual(['degraded', 'degraded']);

    await redis.start();
    const giveUpAt = Date.now() + 30_000;
    while (Date.now() < giveUpAt && (await healthAt(0)) + (await healthAt(1)) !== 'okok')
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect([await healthAt(0), await healthAt(1)]).toEqual(['ok', 'ok']);
    expect((await stats(0, 300)).status).toBe(200);
  }, 90_000);

  // Last: the 30 s pause it causes is kept in each instance's own budget too (honoured if Redis fails).
  it('pause each other: a 429 seen by one instance stops the other calling', async () => {
    simulator.setFault({ mode: 'rate-limited', retryAfterSeconds: 30, times: 1 });
    expect((await stats(0, 200)).status).toBe(503);
    expect((await stats(1, 201)).status).toBe(503);
    expect(simulator.requestCount()).toBe(1);
  });
});
