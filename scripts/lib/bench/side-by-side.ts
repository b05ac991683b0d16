import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashPassword } from '../../../lib/auth/password';
import { STATS_API_PATH } from '../../../lib/paths';
import { buildIsStale } from '../build-freshness';
import { signInOverHttp } from '../sign-in';
import { buildIn, startIn, type RunningApp } from './app-at';
import { prepareAgainst } from './against';
import { runInterleaved, type ClosedLoopScenario, type LoadShape } from './autocannon-run';
import { logFileIn } from './logs';
import { median, type ScenarioResult } from './measurement';
import type { BenchSettings } from './settings';
import { cleanEnvironment } from './stack';

/**
 * The side-by-side run: this checkout's build, the bare Next fixture (scripts/bench-fixture) and,
 * with --against, another ref's build, all started at once and measured in interleaved rounds.
 * Every row is also given as a share of the fixture's matching yardstick, and against the other
 * ref's same row, round by round (the machine drifts; rounds seconds apart compare).
 */
export const FIXTURE_DIR = 'scripts/bench-fixture';
const DIST_DIR = '.next-bench';

/** The dashboard's rows, each with the fixture yardstick it is compared with. */
export const APP_ROWS = [
  { id: 'health', path: '/api/health', label: '/api/health', signedIn: false, yardstick: 'route' },
  { id: 'login', path: '/login', label: '/login', signedIn: false, yardstick: 'page' },
  { id: 'warm-api', path: `${STATS_API_PATH}?range=30d`, label: 'warm /api/stats?range=30d', signedIn: true, yardstick: 'route' },
  { id: 'warm-page', path: '/?range=30d', label: 'warm /?range=30d (default view)', signedIn: true, yardstick: 'page' },
  { id: 'warm-page-plain', path: '/?range=30d&compare=off', label: 'warm /?range=30d&compare=off', signedIn: true, yardstick: 'page' },
] as const;
export type AppRowId = (typeof APP_ROWS)[number]['id'];
const YARDSTICKS = { route: { path: '/api/ping', label: 'bare Next route handler' }, page: { path: '/page', label: 'bare Next dynamic page' } };

export type DashboardSide = { label: string; app: RunningApp; cookie: string };

type Credentials = { email: string; password: string; env: Record<string, string | undefined> };

async function credentials(settings: BenchSettings): Promise<Credentials> {
  const email = 'bench@example.com';
  const password = randomBytes(12).toString('base64url');
  const hash = await hashPassword(password);
  return {
    email,
    password,
    env: {
      ...cleanEnvironment(),
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      TALKOVER_RATE_LIMIT_PER_MINUTE: '100',
      AUTH_USERS: `${email}:${hash}`,
      APP_TIMEZONE: settings.timeZone,
      NEXT_DIST_DIR: DIST_DIR,
    },
  };
}

/** Builds (when stale) and starts this checkout or another ref's worktree, then signs in. */
export async function startDashboard(
  label: string,
  dir: string,
  who: Credentials,
  logDir: string,
  options: { alwaysBuild: boolean; nodeArgs?: string[]; rateLimitPerMinute?: number },
): Promise<DashboardSide> {
  if (options.alwaysBuild || (await buildIsStale(dir, DIST_DIR))) {
    console.log(`  building ${label}…`);
    await buildIn(dir, who.env, logFileIn(logDir, `build-${label}`));
  }
  const app = await startIn({
    name: label,
    dir,
    env: who.env,
    log: logFileIn(logDir, `app-${label}`),
    talkover: { token: `bench_${randomBytes(18).toString('base64url')}`, rateLimitPerMinute: options.rateLimitPerMinute ?? 100 },
    nodeArgs: options.nodeArgs,
    readyPath: '/api/health',
  });
  return { label, app, cookie: await signInOverHttp(app.url, who.email, who.password) };
}

export async function startFixture(logDir: string): Promise<RunningApp> {
  const env = { ...cleanEnvironment(), NEXT_DIST_DIR: DIST_DIR };
  if (await buildIsStale(FIXTURE_DIR, DIST_DIR)) {
    console.log('  building the bare Next fixture…');
    await buildIn(path.resolve(FIXTURE_DIR), env, logFileIn(logDir, 'build-fixture'));
  }
  return startIn({ name: 'fixture', dir: path.resolve(FIXTURE_DIR), env, log: logFileIn(logDir, 'app-fixture'), readyPath: '/api/ping' });
}

/** Fills the caches the warm rows read (and fails early, naming the row, when one does not answer). */
export async function warm(side: DashboardSide): Promise<void> {
  for (const row of APP_ROWS) {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${side.app.url}${row.path}`, { headers: row.signedIn ? { Cookie: side.cookie } : {} });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${side.label} ${row.path} answered ${response.status}`);
    }
  }
}

export type SideBySideReport = {
  date: string;
  shape: LoadShape & { connections: number };
  sides: string[];
  results: ScenarioResult[];
};

const counter = { reset() {}, requestCount: () => 0 };

export async function runSideBySide(settings: BenchSettings, logDir: string, options: { quick: boolean; against: string | null }) {
  const shape: LoadShape = options.quick
    ? { durationSeconds: 3, rounds: 3, warmupSeconds: 1 }
    : { durationSeconds: settings.durationSeconds, rounds: settings.rounds, warmupSeconds: settings.warmupSeconds };
  const who = await credentials(settings);
  const against = options.against ? await prepareAgainst(options.against) : null;
  const sides: DashboardSide[] = [await startDashboard('now', process.cwd(), who, logDir, { alwaysBuild: false })];
  if (against) sides.push(await startDashboard(against.commit, against.dir, who, logDir, { alwaysBuild: true }));
  const fixture = await startFixture(logDir);
  for (const side of sides) await warm(side);

  const scenarios: ClosedLoopScenario[] = [
    ...Object.entries(YARDSTICKS).map(([id, yardstick]) => ({
      meta: { id: `fixture-${id}`, label: yardstick.label, target: `GET ${yardstick.path} on the fixture` },
      target: { url: `${fixture.url}${yardstick.path}` },
      connections: settings.connections,
      upstream: counter,
    })),
    ...sides.flatMap((side) =>
      APP_ROWS.map((row) => ({
        meta: { id: `${side.label}:${row.id}`, label: `${side.label} ${row.label}`, target: `GET ${row.path}` },
        target: { url: `${side.app.url}${row.path}`, headers: row.signedIn ? { Cookie: side.cookie } : undefined },
        connections: settings.connections,
        upstream: side.app.simulator ?? counter,
      })),
    ),
  ];
  const results = await runInterleaved(scenarios, shape);
  return {
    date: new Date().toISOString(),
    shape: { ...shape, connections: settings.connections },
    sides: sides.map((side) => side.label),
    results,
  } satisfies SideBySideReport;
}

/** The median over rounds of a's req/s over b's, paired by round. */
export function roundRatio(results: ScenarioResult[], a: string, b: string): number | null {
  const ra = results.find((r) => r.id === a)?.rounds;
  const rb = results.find((r) => r.id === b)?.rounds;
  if (!ra || !rb) return null;
  const ratios = ra.flatMap((round, i) => (rb[i] && rb[i].reqPerSec > 0 ? [round.reqPerSec / rb[i].reqPerSec] : []));
  return median(ratios);
}

type Goal = { goal: string; ratio: number | null; target: number };

export function sideBySideGoals(report: SideBySideReport): Goal[] {
  const r = report.results;
  const goals: Goal[] = [
    { goal: '/api/health ≥ 80% of the bare route handler', ratio: roundRatio(r, 'now:health', 'fixture-route'), target: 0.8 },
    { goal: 'warm /api/stats ≥ 70% of the bare route handler', ratio: roundRatio(r, 'now:warm-api', 'fixture-route'), target: 0.7 },
    { goal: 'warm page ≥ 50% of the bare dynamic page', ratio: roundRatio(r, 'now:warm-page', 'fixture-page'), target: 0.5 },
    { goal: 'warm page ≥ 70% of /login', ratio: roundRatio(r, 'now:warm-page', 'now:login'), target: 0.7 },
  ];
  const before = report.sides[1];
  if (before) {
    goals.push(
      { goal: `/api/health at least as fast as ${before}`, ratio: roundRatio(r, 'now:health', `${before}:health`), target: 1 },
      { goal: `/login at least as fast as ${before}`, ratio: roundRatio(r, 'now:login', `${before}:login`), target: 1 },
      { goal: `warm /api/stats at least as fast as ${before}`, ratio: roundRatio(r, 'now:warm-api', `${before}:warm-api`), target: 1 },
      { goal: `default warm page ≥ 1.3× ${before}'s warm page`, ratio: roundRatio(r, 'now:warm-page', `${before}:warm-page`), target: 1.3 },
    );
  }
  return goals;
}

const pct = (ratio: number | null) => (ratio === null ? 'n/a' : `${(ratio * 100).toFixed(0)}%`);
const num = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : String(value));

export function renderSideBySide(report: SideBySideReport): string {
  const r = report.results;
  const byId = (id: string) => r.find((row) => row.id === id);
  const [now, before] = report.sides;
  const lines = [
    `## Side by side: ${report.sides.join(' against ')} and the bare Next app`,
    '',
    `${report.date}; ${report.shape.rounds} interleaved rounds of ${report.shape.durationSeconds} s at ${report.shape.connections} connections; ` +
      'req/s is the median round, ratios are taken round by round and their median given.',
    '',
    `| path | ${before ? `before (${before}) req/s | ` : ''}${now} req/s | ${before ? 'change | ' : ''}share of the bare Next yardstick | p99 ms | errors |`,
    `| --- | ${before ? '---: | ' : ''}---: | ${before ? '---: | ' : ''}---: | ---: | ---: |`,
  ];
  for (const row of APP_ROWS) {
    const mine = byId(`${now}:${row.id}`);
    const theirs = before ? byId(`${before}:${row.id}`) : undefined;
    const change = before ? roundRatio(r, `${now}:${row.id}`, `${before}:${row.id}`) : null;
    const share = roundRatio(r, `${now}:${row.id}`, `fixture-${row.yardstick}`);
    const errors = (mine?.errors ?? 0) + (theirs?.errors ?? 0);
    lines.push(
      `| \`${row.path}\` | ${before ? `${num(theirs?.reqPerSec)} | ` : ''}${num(mine?.reqPerSec)} | ${
        before ? `${change === null ? 'n/a' : `${change >= 1 ? '+' : '−'}${Math.abs((change - 1) * 100).toFixed(0)}%`} | ` : ''
      }${pct(share)} of the ${YARDSTICKS[row.yardstick].label} | ${num(mine?.p99Ms)} | ${errors} |`,
    );
  }
  for (const [id, yardstick] of Object.entries(YARDSTICKS)) {
    const row = byId(`fixture-${id}`);
    lines.push(
      `| yardstick: ${yardstick.label} \`${yardstick.path}\` | ${before ? '| ' : ''}${num(row?.reqPerSec)} | ${before ? '| ' : ''}100% | ${num(row?.p99Ms)} | ${row?.errors ?? 0} |`,
    );
  }
  lines.push('', '| goal | measured | status |', '| --- | ---: | --- |');
  for (const goal of sideBySideGoals(report)) {
    const status = goal.ratio === null ? 'not measured' : goal.ratio >= goal.target ? 'met' : 'missed';
    lines.push(`| ${goal.goal} | ${goal.ratio === null ? 'n/a' : `${goal.ratio.toFixed(2)}×`} | ${status} |`);
  }
  const totalErrors = r.reduce((sum, row) => sum + row.errors, 0);
  lines.push('', `Errors in every row together: ${totalErrors}.`, '');
  return lines.join('\n');
}

const START = '<!-- side-by-side:start -->';
const END = '<!-- side-by-side:end -->';

/** Puts the section into latest.md between its markers (replacing the last one), the full run's report left as it is. */
export async function writeSideBySide(markdown: string, report: SideBySideReport, outputDir: string): Promise<string> {
  await mkdir(outputDir, { recursive: true });
  const file = path.join(outputDir, 'latest.md');
  const current = await readFile(file, 'utf8').catch(() => '');
  const section = `${START}\n${markdown}${END}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + END.length + 1) : `${current.trimEnd()}\n\n${section}`;
  await writeFile(file, next);
  await writeFile(path.join(outputDir, 'side-by-side.json'), `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
