import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hashPassword } from '../../../lib/auth/password';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { signInOverHttp } from '../sign-in';
import { cleanEnvironment, startAppServer, type AppServer } from './app-server';
import { onCleanup } from './cleanup';
import type { BenchSettings } from './settings';

/** One app instance, the simulator it calls as Talkover, and a signed-in session on it. */
export type Side = { app: AppServer; simulator: Simulator; token: string; cookie: string };

export type BenchStack = {
  /** Default cache settings and Talkover's Standard rate limit: what a team actually runs. */
  normal: Side;
  /** Caching off and a limit too high to matter: every request is a Talkover call. */
  cacheOff: Side;
  warnings: string[];
};

/** Files `next start` loads; their values apply to every setting the benchmark leaves unset. */
const DOTENV_FILES = ['.env', '.env.local', '.env.production', '.env.production.local'];

/**
 * Starts both sides. Each gets its own simulator so the cache-off app's flood of calls never
 * spends the normal app's Talkover budget, and so each side's upstream calls are counted apart.
 */
export async function startBenchStack(settings: BenchSettings, logDir: string): Promise<BenchStack> {
  const warnings = DOTENV_FILES.filter((file) => existsSync(file)).map(
    (file) => `${file} exists: its values apply to the apps for any variable the benchmark leaves unset`,
  );
  const email = 'bench@example.com';
  const password = randomBytes(12).toString('base64url');
  // The same hashing (and cost) as `npm run hash-password`, so signing in costs what it costs.
  const authUsers = `${email}:${await hashPassword(password)}`;

  async function startSide(name: string, rateLimitPerMinute: number, env: Record<string, string>): Promise<Side> {
    const token = `bench_${randomBytes(18).toString('base64url')}`;
    const simulator = await startSimulator({ token, port: 0, host: '127.0.0.1', rateLimitPerMinute });
    onCleanup(() => simulator.close());
    const app = await startAppServer({
      name,
      distDir: settings.distDir,
      logDir,
      env: {
        ...cleanEnvironment(),
        NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
        TALKOVER_API_URL: simulator.url,
        TALKOVER_API_TOKEN: token,
        TALKOVER_RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute),
        AUTH_USERS: authUsers,
        APP_TIMEZONE: settings.timeZone,
        ...env,
      },
    });
    const cookie = await signInOverHttp(app.url, email, password);
    return { app, simulator, token, cookie };
  }

  // One after the other: two `next start` booting at once on 2 cores only makes both slower.
  const normal = await startSide('a-normal', 100, {});
  const cacheOff = await startSide('b-cache-off', 1_000_000, {
    TALKOVER_CACHE_TTL_SECONDS: '0',
    TALKOVER_CACHE_TTL_CLOSED_SECONDS: '0',
    // Every request is an upstream call here: let them all through the gate.
    TALKOVER_MAX_CONCURRENT: '256',
  });
  return { normal, cacheOff, warnings };
}
