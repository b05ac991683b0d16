import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hashPassword } from '../../../lib/auth/password';
import type { Simulator } from '../../../simulator/server';
import { startRedisServer } from '../redis-server';
import { signInOverHttp } from '../sign-in';
import { startAppInstance, startStack } from '../stack';
import { onCleanup } from './cleanup';
import { logFileIn } from './logs';
import type { BenchSettings } from './settings';

/**
 * One app instance, the simulator it calls as Talkover, and signed-in sessions on it: `cookie`
 * for the closed-loop rows, `memberCookies` one per member of the mixed load (each member has
 * their own share of the budget, as on a real team).
 */
export type Side = { appUrl: string; simulator: Simulator; token: string; cookie: string; memberCookies: string[] };

/** Two instances of the app sharing one Redis and one simulator, as behind a load balancer. */
export type SharedPair = { instances: [Side, Side]; simulator: Simulator };

export type BenchStack = {
  /** Default cache settings and Talkover's Standard rate limit: what a team actually runs. */
  normal: Side;
  /** Caching off and a limit too high to matter: every request is a Talkover call. */
  cacheOff: Side;
  /** Like `normal`, twice, with REDIS_URL; null when no redis-server could be started. */
  shared: SharedPair | null;
  warnings: string[];
};

/** Files `next start` loads; their values apply to every setting the benchmark leaves unset. */
const DOTENV_FILES = ['.env', '.env.local', '.env.production', '.env.production.local'];

/**
 * Settings a developer's shell may carry that would change what is measured: every app gets
 * exactly the configuration the benchmark states, and Talkover's defaults where it states none.
 */
const INHERITED_SETTINGS = /^(TALKOVER_|AUTH_|NEXTAUTH_|NEXT_PUBLIC_|REDIS_|METRICS_|HEALTH_)|^(DEMO_MODE|APP_TIMEZONE|PORT|NODE_ENV)$/;

/** The parent's environment minus the app's own settings (PATH, HOME and the like stay). */
export function cleanEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_SETTINGS.test(name)));
}

/**
 * Starts both sides. Each gets its own simulator so the cache-off app's flood of calls never
 * spends the normal app's Talkover budget, and so each side's upstream calls are counted apart.
 */
export async function startBenchStack(settings: BenchSettings, logDir: string): Promise<BenchStack> {
  const warnings = DOTENV_FILES.filter((file) => existsSync(file)).map(
    (file) => `${file} exists: its values apply to the apps for any variable the benchmark leaves unset`,
  );
  const email = 'bench@example.com';
  const memberEmails = Array.from({ length: settings.members }, (_, n) => `member-${n + 1}@example.com`);
  const password = randomBytes(12).toString('base64url');
  // The same hashing (and cost) as `npm run hash-password`, so signing in costs what it costs.
  // One hash for every account: they share the password, which changes nothing measured.
  const hash = await hashPassword(password);
  const authUsers = [email, ...memberEmails].map((user) => `${user}:${hash}`).join(',');

  type SideOptions = {
    name: string;
    rateLimitPerMinute: number;
    build: 'if-stale' | 'never';
    env: Record<string, string>;
    /** Whether the mixed load runs here (then every member signs in). */
    members: boolean;
  };
  async function startSide({ name, rateLimitPerMinute, build, env, members }: SideOptions): Promise<Side & { env: NodeJS.ProcessEnv }> {
    const token = `bench_${randomBytes(18).toString('base64url')}`;
    const stack = await startStack({
      name,
      simulator: { token, host: '127.0.0.1', rateLimitPerMinute },
      env: {
        ...cleanEnvironment(),
        NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
        TALKOVER_RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute),
        AUTH_USERS: authUsers,
        APP_TIMEZONE: settings.timeZone,
        ...env,
      },
      host: '127.0.0.1',
      distDir: settings.distDir,
      build,
      output: { buildLog: logFileIn(logDir, 'next-build'), serverLog: logFileIn(logDir, `app-${name}`) },
    });
    onCleanup(stack.stop);
    const cookie = await signInOverHttp(stack.appUrl, email, password);
    // One after the other: the app checks at most two passwords at once and refuses the rest.
    const memberCookies: string[] = [];
    for (const member of members ? memberEmails : []) memberCookies.push(await signInOverHttp(stack.appUrl, member, password));
    return { appUrl: stack.appUrl, simulator: stack.simulator, token, cookie, memberCookies, env: stack.env };
  }

  /**
   * A second instance of a side: the same settings (secret, Redis, simulator), its own port.
   * A session signed in at one is valid at the other, as behind a load balancer.
   */
  async function startTwin(side: Side & { env: NodeJS.ProcessEnv }, name: string): Promise<Side> {
    const twin = await startAppInstance({ name, env: side.env, host: '127.0.0.1', serverLog: logFileIn(logDir, `app-${name}`) });
    onCleanup(twin.stop);
    return { ...side, appUrl: twin.appUrl };
  }

  /** C and D: what a team runs on two servers, with the shared state in Redis. */
  async function startSharedPair(): Promise<SharedPair | null> {
    let redis;
    try {
      redis = await startRedisServer();
    } catch (error) {
      warnings.push(`the Redis rows were not measured: ${(error as Error).message}`);
      return null;
    }
    onCleanup(redis.stop);
    const first = await startSide({ name: 'c-redis', rateLimitPerMinute: 100, build: 'never', env: { REDIS_URL: redis.url }, members: true });
    const second = await startTwin(first, 'd-redis');
    return { instances: [first, second], simulator: first.simulator };
  }

  // One after the other: two `next start` booting at once on 2 cores only makes both slower.
  // The first builds into settings.distDir when the sources changed since that build; the
  // second serves the same build.
  const normal = await startSide({ name: 'a-normal', rateLimitPerMinute: 100, build: 'if-stale', env: {}, members: true });
  const cacheOff = await startSide({
    name: 'b-cache-off',
    rateLimitPerMinute: 1_000_000,
    build: 'never',
    members: false,
    env: {
      TALKOVER_CACHE_TTL_SECONDS: '0',
      TALKOVER_CACHE_TTL_CLOSED_SECONDS: '0',
      // Every request is an upstream call here: let them all through the gate.
      TALKOVER_MAX_CONCURRENT: '256',
    },
  });
  const shared = await startSharedPair();
  return { normal, cacheOff, shared, warnings };
}
