import { presetDates, todayIn } from '../../../lib/date-range';
import { STATS_API_PATH, TALKOVER_STATS_PATH } from '../../../lib/paths';
import { runInterleaved, type LoadShape } from './autocannon-run';
import { measureColdViews, type ColdViewResult } from './cold-views';
import type { ScenarioResult } from './measurement';
import { runMixedLoad } from './mixed-load';
import { checkApiCache, checkFirstHit, checkPage } from './preflight';
import { requestMix } from './request-mix';
import type { BenchSettings } from './settings';
import type { BenchStack } from './stack';

export type ScenarioRuns = { results: ScenarioResult[]; coldViews: ColdViewResult[]; warnings: string[]; distinctRanges: number };

const STATS_30D = `${STATS_API_PATH}?range=30d`;

/**
 * Every scenario, one at a time so none competes with another for the 2 cores, in three
 * groups: the throughput rows (floor, warm API with and without Redis, warm page, the simplest
 * page) interleaved by round; the cache-miss rows against direct Talkover calls, interleaved
 * likewise, at one connection (the overhead goal) and at the throughput rows' concurrency; then
 * the mixed load on one instance and on two sharing Redis, each on a cache that holds only what
 * the warm rows put in it, like a team's morning.
 */
export async function runScenarios(stack: BenchStack, settings: BenchSettings): Promise<ScenarioRuns> {
  const { normal, cacheOff } = stack;
  const shape: LoadShape = {
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    rounds: settings.rounds,
  };
  const signedIn = (side: typeof normal) => ({ Cookie: side.cookie });
  const a = { url: normal.appUrl, cookie: normal.cookie };
  const b = { url: cacheOff.appUrl, cookie: cacheOff.cookie };
  const pair = stack.shared?.instances.map((side) => ({ url: side.appUrl, cookie: side.cookie }));
  const warnings: string[] = [];

  // First, while app A's cache is still empty: the cold views, with Talkover slowed down.
  const coldViews = await measureColdViews(
    { url: normal.appUrl, members: normal.memberCookies.length > 0 ? normal.memberCookies : [normal.cookie] },
    normal.simulator,
    settings.coldTalkoverLatencyMs,
  );

  warnings.push(...(await checkApiCache('app A', a, STATS_30D, 'hit')));
  warnings.push(...(await checkPage('app A', a, '/?range=30d')));
  if (pair) {
    warnings.push(...(await checkApiCache('app C', pair[0]!, STATS_30D, 'hit')));
    // Filled by C, so D's very first request is a hit: the cache really is shared.
    warnings.push(...(await checkFirstHit('app D', pair[1]!, STATS_30D)));
  }
  const throughput = await runInterleaved(
    [
      {
        meta: { id: 'floor', label: 'floor: /api/health', target: 'GET /api/health on app A, no session' },
        target: { url: `${a.url}/api/health` },
        connections: settings.connections,
        upstream: normal.simulator,
      },
      {
        meta: { id: 'warm-api', label: 'warm /api/stats', target: 'GET /api/stats?range=30d on app A, signed in, cached' },
        target: { url: `${a.url}${STATS_30D}`, headers: signedIn(normal) },
        connections: settings.connections,
        upstream: normal.simulator,
      },
      ...(stack.shared
        ? [
            {
              meta: {
                id: 'warm-api-redis',
                label: 'warm /api/stats, Redis',
                target: 'GET /api/stats?range=30d on app C (REDIS_URL set), signed in, cached',
              },
              target: { url: `${pair![0]!.url}${STATS_30D}`, headers: signedIn(stack.shared.instances[0]) },
              connections: settings.connections,
              upstream: stack.shared.simulator,
            },
          ]
        : []),
      {
        meta: { id: 'warm-page', label: 'warm page', target: 'GET /?range=30d on app A, signed in, cached' },
        target: { url: `${a.url}/?range=30d`, headers: signedIn(normal) },
        connections: settings.connections,
        upstream: normal.simulator,
      },
      // What any page costs here: the app's simplest one (a form, no data), through the same
      // proxy, root layout and rendering as the stats page. The stats page cannot beat it.
      {
        meta: { id: 'login-page', label: 'reference: /login page', target: 'GET /login on app A, signed out' },
        target: { url: `${a.url}/login` },
        connections: settings.connections,
        upstream: normal.simulator,
      },
    ],
    shape,
  );

  // The same upstream call app B makes for 30d, straight to the simulator: the difference
  // between the two rows is what the app adds to each Talkover call.
  warnings.push(...(await checkApiCache('app B', b, STATS_30D, 'miss')));
  const { start, end } = presetDates('30d', todayIn(settings.timeZone, new Date()));
  const miss = (connections: number) => ({
    meta: {
      id: `miss-api-c${connections}`,
      label: `cache-miss /api/stats, ${connections} conn.`,
      target: 'GET /api/stats?range=30d on app B (cache off)',
    },
    target: { url: `${b.url}${STATS_30D}`, headers: signedIn(cacheOff) },
    connections,
    upstream: cacheOff.simulator,
  });
  const direct = (connections: number) => ({
    meta: {
      id: `direct-upstream-c${connections}`,
      label: `direct Talkover call, ${connections} conn.`,
      target: `GET ${TALKOVER_STATS_PATH} (30d) on simulator B`,
    },
    target: {
      url: `${cacheOff.simulator.url}${TALKOVER_STATS_PATH}?start_date=${start}&end_date=${end}`,
      headers: { Authorization: `Bearer ${cacheOff.token}` },
    },
    connections,
    upstream: cacheOff.simulator,
  });
  const overheadPairs = [settings.overheadConnections, settings.connections]
    .filter((connections, index, all) => all.indexOf(connections) === index)
    .flatMap((connections) => [miss(connections), direct(connections)]);
  const overhead = await runInterleaved(overheadPairs, shape);

  const mix = requestMix(settings.timeZone);
  const team = { members: settings.members, seconds: settings.mixedSeconds, thinkTimeMs: settings.thinkTimeMs };
  const what = 'pages with trends and comparisons, /api/stats, its series and comparisons, presets and shared links';
  const mixed = await runMixedLoad(
    { id: 'mixed', label: `mixed: ${settings.members} members`, target: `${what}, on app A` },
    [a.url],
    normal.memberCookies,
    normal.simulator,
    team,
    mix,
  );
  const mixedShared = stack.shared
    ? [
        await runMixedLoad(
          {
            id: 'mixed-redis',
            label: `mixed: ${settings.members} members, 2 instances + Redis`,
            target: `the same, taking turns between apps C and D, which share Redis and one Talkover`,
          },
          stack.shared.instances.map((side) => side.appUrl),
          stack.shared.instances[0].memberCookies,
          stack.shared.simulator,
          team,
          mix,
        ),
      ]
    : [];
  return { results: [...throughput, ...overhead, mixed, ...mixedShared], coldViews, warnings, distinctRanges: mix.distinctRanges };
}
