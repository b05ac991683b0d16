/** Paths used far from their route; no server-only import, so the browser bundle may use them. */

/** The sign-in page; signing out lands here. */
export const LOGIN_PATH = '/login';

/** The JSON route of the stats page's figures (app/api/stats/route.ts). */
export const STATS_API_PATH = '/api/stats';

/** Talkover's stats endpoint, relative to its API base URL (`…/api/v1`). */
export const TALKOVER_STATS_PATH = '/callback-agents/stats';
