import { presetDates, todayIn } from '../../../lib/date-range';
import { runAutocannon, type LoadShape } from './autocannon-run';
import type { ScenarioResult } from './measurement';
import { runMixedLoad } from './mixed-load';
import { checkApiCache, checkPage } from './preflight';
import { requestMix } from './request-mix';
import type { BenchSettings } from './settings';
import type { BenchStack } from './stack';

export type ScenarioRuns = { results: ScenarioResult[]; warnings: string[]; distinctRanges: number };

/** Talkover's stats endpoint (lib/talkover/stats-endpoint.ts is server-only, so not imported). */
const STATS_PATH = '/callback-agents/stats';

/**
 * Every scenario, one after the other so none competes with another for the 2 cores. The
 * closed-loop ones share one load shape so their rows compare side by side; the mixed load
 * runs last, on a cache that holds only what the warm rows put in it, like a team's morning.
 */
export async function runScenarios(stack: BenchStack, settings: BenchSettings): Promise<ScenarioRuns> {
  const { normal, cacheOff } = stack;
  const shape: LoadShape = {
    connections: settings.connections,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
  };
  const signedIn = (side: typeof normal) => ({ Cookie: side.cookie });
  const a = { url: normal.app.url, cookie: normal.cookie };
  const b = { url: cacheOff.app.url, cookie: cacheOff.cookie };
  const results: ScenarioResult[] = [];
  const warnings: string[] = [];

  results.push(
    await runAutocannon(
      { id: 'floor', label: 'floor: /api/health', target: 'GET /api/health on app A, no session' },
      { url: `${a.url}/api/health` },
      shape,
      normal.simulator,
    ),
  );

  warnings.push(...(await checkApiCache('app A', a, '/api/stats?range=30d', 'hit')));
  results.push(
    await runAutocannon(
      { id: 'warm-api', label: 'warm /api/stats', target: 'GET /api/stats?range=30d on app A, signed in, cached' },
      { url: `${a.url}/api/stats?range=30d`, headers: signedIn(normal) },
      shape,
      normal.simulator,
    ),
  );

  warnings.push(...(await checkPage('app A', a, '/?range=30d')));
  results.push(
    await runAutocannon(
      { id: 'warm-page', label: 'warm page', target: 'GET /?range=30d on app A, signed in, cached' },
      { url: `${a.url}/?range=30d`, headers: signedIn(normal) },
      shape,
      normal.simulator,
    ),
  );

  warnings.push(...(await checkApiCache('app B', b, '/api/stats?range=30d', 'miss')));
  results.push(
    await runAutocannon(
      { id: 'miss-api', label: 'cache-miss /api/stats', target: 'GET /api/stats?range=30d on app B (cache off)' },
      { url: `${b.url}/api/stats?range=30d`, headers: signedIn(cacheOff) },
      shape,
      cacheOff.simulator,
    ),
  );

  // The same upstream call app B makes for 30d, straight to the simulator: the difference
  // between the two rows is what the app adds to each Talkover call.
  const { start, end } = presetDates('30d', todayIn(settings.timeZone, new Date()));
  results.push(
    await runAutocannon(
      { id: 'direct-upstream', label: 'direct Talkover call', target: `GET ${STATS_PATH} (30d) on simulator B` },
      {
        url: `${cacheOff.simulator.url}${STATS_PATH}?start_date=${start}&end_date=${end}`,
        headers: { Authorization: `Bearer ${cacheOff.token}` },
      },
      shape,
      cacheOff.simulator,
    ),
  );

  const mix = requestMix(settings.timeZone);
  results.push(
    await runMixedLoad(
      { id: 'mixed', label: `mixed: ${settings.members} members`, target: 'pages and /api/stats, presets and shared links, on app A' },
      a,
      normal.simulator,
      { members: settings.members, seconds: settings.mixedSeconds, thinkTimeMs: settings.thinkTimeMs },
      mix,
    ),
  );
  return { results, warnings, distinctRanges: mix.distinctRanges };
}
