import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { GET } from '@/app/api/stats/route';
import type { ErrorEnvelope } from '@/lib/http';
import { STATS_API_PATH } from '@/lib/paths';
import type { toStatsJson } from '@/lib/stats/stats-json';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { startSimulator, type Simulator } from '@/simulator/server';
import { routeRequest, sessionCookie, stubSessionEnv } from './session';

/**
 * The JSON of `GET /api/stats`: the figures on 200, the error envelope otherwise. Typed as both
 * at once so that assertions read fields without narrowing first; a field of the other shape
 * reads as undefined and fails the assertion that expected it.
 */
export type StatsRouteBody = ReturnType<typeof toStatsJson> & ErrorEnvelope;

export type Answer<Body = StatsRouteBody> = { status: number; headers: Headers; body: Body; text: string };

/**
 * The set-up the `GET /api/stats` suites share: an in-process simulator on loopback holding a
 * canary token, the app's settings pointed at it, an empty cache and a full budget per test, a
 * real session cookie, and every response body, header and log line kept, so that after each
 * test the token is shown to be in none of them. Call it at the top of a test file.
 */
export function setUpStatsRoute(options: { token: string; simulatorRateLimitPerMinute: number; env?: Record<string, string> }) {
  let simulator: Simulator | undefined;
  let signedIn = '';
  let cookie: string | undefined;
  /** Every response body, header and log line produced by the test. */
  const seen: string[] = [];

  beforeAll(async () => {
    signedIn = await sessionCookie();
    simulator = await startSimulator({ token: options.token, port: 0, rateLimitPerMinute: options.simulatorRateLimitPerMinute });
  });
  afterAll(() => simulator?.close());

  beforeEach(() => {
    vi.stubEnv('TALKOVER_API_URL', simulator!.url);
    vi.stubEnv('TALKOVER_API_TOKEN', options.token);
    vi.stubEnv('TALKOVER_TIMEOUT_MS', '800');
    vi.stubEnv('TALKOVER_DEADLINE_MS', '2000');
    vi.stubEnv('APP_TIMEZONE', 'UTC');
    for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
    stubSessionEnv();
    resetUpstreamState();
    cookie = signedIn;
    simulator!.reset();
    seen.length = 0;
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args) => void seen.push(args.join(' ')));
    }
  });
  afterEach(() => {
    // Whatever the test did, the token is in no response body, header or log line it produced.
    for (const text of seen) expect(text).not.toContain(options.token);
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const respond = (query: string): Promise<Response> => GET(routeRequest(`http://localhost${STATS_API_PATH}${query}`, cookie));

  /** Reads a response, keeping its body and headers for the token check. */
  async function read<Body = StatsRouteBody>(response: Response): Promise<Answer<Body>> {
    const text = await response.text();
    seen.push(text, JSON.stringify([...response.headers]));
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as Body, text };
  }

  return {
    get simulator(): Simulator {
      return simulator!;
    },
    seen,
    read,
    /** GET /api/stats with the query (`?range=7d`), signed in unless signOut() was called. */
    get: async (query: string) => read(await respond(query)),
    /** GET /api/stats as another member of the team, with their own session. */
    getAs: async (email: string, query: string) =>
      read(await GET(routeRequest(`http://localhost/api/stats${query}`, await sessionCookie({ email })))),
    /** The same, unread: for callers that check the body's type themselves. */
    respond,
    /**
     * Another route handler (`/api/stats/series`, `/api/stats/export`) with the same session and
     * token checks; `body` is the parsed JSON when the answer is JSON.
     */
    async call<Body = StatsRouteBody>(
      handler: (request: NextRequest) => Promise<Response>,
      pathAndQuery: string,
      headers: Record<string, string> = {},
    ): Promise<Answer<Body>> {
      // A cookie the caller passes (the language menu's) travels beside the session's.
      const cookies = [headers.cookie, cookie].filter(Boolean).join('; ');
      const request = new NextRequest(`http://localhost${pathAndQuery}`, { headers: { ...headers, ...(cookies ? { cookie: cookies } : {}) } });
      const response = await handler(request);
      // Byte for byte: a BOM at the start stays in the text (Response.text() would drop it).
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      seen.push(text, JSON.stringify([...response.headers]));
      const isJson = response.headers.get('content-type')?.includes('json');
      return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : undefined, text };
    },
    /** The next requests carry no session cookie. */
    signOut(): void {
      cookie = undefined;
    },
  };
}
