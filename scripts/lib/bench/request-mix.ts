import { addDays, RANGE_PRESETS, todayIn } from '../../../lib/date-range';
import { STATS_API_PATH } from '../../../lib/paths';

/**
 * What the team in the mixed load opens: the stats page or /api/stats, for a preset range or a
 * "shared link" with explicit dates. The shares are a guess at a team's day: most people use
 * the picker's presets, some open links a colleague pasted, half of the traffic is scripts.
 */
const PAGE_SHARE = 0.5;
const SHARED_LINK_SHARE = 0.3;

/**
 * The shared links, as [days ago the range starts, days ago it ends]. Offsets rather than
 * fixed dates, so the set stays "links from the past year" whenever the benchmark runs; all
 * end before today (settled ranges, which the app caches longest) and span at most 365 days.
 */
const SHARED_LINK_OFFSETS: ReadonlyArray<readonly [number, number]> = [
  [7, 1],
  [14, 8],
  [30, 1],
  [31, 2],
  [45, 15],
  [60, 31],
  [90, 61],
  [100, 40],
  [120, 91],
  [180, 151],
  [200, 170],
  [250, 220],
  [300, 271],
  [364, 335],
  [365, 1],
];

export type MixedRequest = { kind: 'page' | 'api'; path: string };

export type RequestMix = {
  /** Distinct ranges the team can ask for: the most Talkover calls one cache period can cost. */
  distinctRanges: number;
  pick(random?: () => number): MixedRequest;
};

function pickOne<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** The mix for a run starting `now`, with "today" taken in the apps' timezone. */
export function requestMix(timeZone: string, now = new Date()): RequestMix {
  const today = todayIn(timeZone, now);
  const presetQueries = RANGE_PRESETS.map((preset) => `range=${preset}`);
  const sharedQueries = SHARED_LINK_OFFSETS.map(
    ([startAgo, endAgo]) => `start_date=${addDays(today, -startAgo)}&end_date=${addDays(today, -endAgo)}`,
  );
  return {
    distinctRanges: presetQueries.length + sharedQueries.length,
    pick(random = Math.random) {
      const query = random() < SHARED_LINK_SHARE ? pickOne(sharedQueries, random) : pickOne(presetQueries, random);
      const kind = random() < PAGE_SHARE ? 'page' : 'api';
      return { kind, path: kind === 'page' ? `/?${query}` : `${STATS_API_PATH}?${query}` };
    },
  };
}
