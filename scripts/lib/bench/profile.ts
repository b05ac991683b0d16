import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../../lib/auth/password';
import { runInterleaved } from './autocannon-run';
import { topSelfTimes, type SelfTime } from './cpu-profile';
import type { BenchSettings } from './settings';
import { APP_ROWS, startDashboard, warm } from './side-by-side';
import { cleanEnvironment } from './stack';
import { STATS_API_PATH } from '../../../lib/paths';

/**
 * `npm run bench -- --profile`: this checkout's server under the warm page load, the warm
 * /api/stats load and the cache-miss /api/stats load (cache off, one connection: what the
 * cache-miss overhead goal measures), each in its own process started with `node --cpu-prof`,
 * so each profile holds one load. The .cpuprofile files are kept (open them in Chrome DevTools
 * or speedscope); the top self-time functions of the measured window are printed.
 */
const CACHE_OFF_LIMIT = 1_000_000;
const LOADS = [
  { id: 'warm-page', env: {}, connections: null, rateLimitPerMinute: 100 },
  { id: 'warm-api', env: {}, connections: null, rateLimitPerMinute: 100 },
  {
    id: 'miss-api',
    env: {
      TALKOVER_CACHE_TTL_SECONDS: '0',
      TALKOVER_CACHE_TTL_CLOSED_SECONDS: '0',
      TALKOVER_RATE_LIMIT_PER_MINUTE: String(CACHE_OFF_LIMIT),
    },
    connections: 1,
    rateLimitPerMinute: CACHE_OFF_LIMIT,
  },
] as const;

export async function runProfiles(settings: BenchSettings, logDir: string, seconds: number): Promise<string> {
  const dir = path.resolve('bench-results/profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(dir, { recursive: true });
  const email = 'bench@example.com';
  const password = randomBytes(12).toString('base64url');
  const who = {
    email,
    password,
    env: {
      ...cleanEnvironment(),
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      TALKOVER_RATE_LIMIT_PER_MINUTE: '100',
      AUTH_USERS: `${email}:${await hashPassword(password)}`,
      APP_TIMEZONE: settings.timeZone,
      NEXT_DIST_DIR: '.next-bench',
    },
  };
  const lines: string[] = [];
  for (const load of LOADS) {
    const row =
      load.id === 'miss-api'
        ? { label: `cache-miss ${STATS_API_PATH}?range=30d, 1 conn.`, path: `${STATS_API_PATH}?range=30d` }
        : APP_ROWS.find((candidate) => candidate.id === load.id)!;
    const profileDir = path.join(dir, load.id);
    const side = await startDashboard('now', process.cwd(), { ...who, env: { ...who.env, ...load.env } }, logDir, {
      alwaysBuild: false,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
      rateLimitPerMinute: load.rateLimitPerMinute,
    });
    await warm(side);
    const scenario = {
      meta: { id: load.id, label: row.label, target: `GET ${row.path}` },
      target: { url: `${side.app.url}${row.path}`, headers: { Cookie: side.cookie } },
      connections: load.connections ?? settings.connections,
      upstream: side.app.simulator!,
    };
    const [result] = await runInterleaved([scenario], { durationSeconds: seconds, rounds: 1, warmupSeconds: 2 });
    const loadEnd = Date.now();
    await side.app.stop();
    const stopped = Date.now();
    const files = (await readdir(profileDir)).filter((file) => file.endsWith('.cpuprofile'));
    if (files.length === 0) throw new Error(`no CPU profile written in ${profileDir}`);
    // The server process is the one with the most samples (next start may fork helpers).
    const measuredMs = seconds * 1_000;
    const tops: SelfTime[][] = [];
    for (const file of files) {
      tops.push(await topSelfTimes(path.join(profileDir, file), { fromEndMs: stopped - loadEnd + measuredMs, lengthMs: measuredMs }));
    }
    const top = tops.sort((a, b) => sum(b) - sum(a))[0]!;
    lines.push(`### ${row.label}: ${result?.reqPerSec ?? 'n/a'} req/s, profile in ${path.relative(process.cwd(), profileDir)}`, '');
    lines.push('| self ms | share | function | where |', '| ---: | ---: | --- | --- |');
    for (const entry of top) lines.push(`| ${entry.ms} | ${(entry.share * 100).toFixed(1)}% | \`${entry.name}\` | ${entry.where} |`);
    lines.push('');
  }
  return lines.join('\n');
}

const sum = (entries: SelfTime[]) => entries.reduce((total, entry) => total + entry.ms, 0);
