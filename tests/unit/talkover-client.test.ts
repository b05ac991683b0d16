import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { z } from 'zod';
import { AppError, type AppErrorKind } from '@/lib/errors';
import { callbackStatsRead } from '@/lib/talkover/endpoints';
import { scheduleCall } from '@/lib/talkover/scheduler';
import { resetSettings } from '@/lib/settings/define-settings';
import { getTalkoverConfig, talkoverSettings } from '@/lib/talkover/config';
import { getUpstreamState, resetUpstreamState } from '@/lib/talkover/upstream-state';
import { talkoverFetch } from '@/lib/talkover/transport';
import { DOCUMENTED_STATS_RESPONSE } from '../fixtures/talkover';
import { ManualClock } from '../support/manual-clock';

const TOKEN = 'test_token_value';
const BASE_URL = 'https://talkover.test/api/v1';
/** Text that only ever appears in upstream bodies: it must never reach an AppError message. */
const UPSTREAM_TEXT = 'UPSTREAM_DETAIL_do_not_forward';
const RANGE = { start: '2024-01-01', end: '2024-01-31' };

const STATS_BODY = DOCUMENTED_STATS_RESPONSE;

// The client's HTTP transport, answered by each test.
vi.mock('@/lib/talkover/transport', () => ({ talkoverFetch: vi.fn(), talkoverDispatcher: undefined }));

/** One scheduled GET, uncached: budget, gate, retries and the HTTP try, as the cache's loader runs it. */
async function talkoverGet<T>(path: string, query: Record<string, string | undefined>, schema: z.ZodType<T>): Promise<T> {
  const config = getTalkoverConfig();
  return scheduleCall(getUpstreamState(config), config, { path, endpoint: path, query, schema, priority: 'view' }, 'uncached');
}

async function requestTalkoverStats(range: { start: string; end: string }) {
  const config = getTalkoverConfig();
  return scheduleCall(getUpstreamState(config), config, callbackStatsRead(range, '2099-01-01', 'view', config).call, 'uncached');
}

type FetchImpl = (url: URL | string, init?: RequestInit) => Promise<Response>;

function stubFetch(impl: FetchImpl) {
  const fetchMock = vi.mocked(talkoverFetch as (url: URL | string, init?: RequestInit) => Promise<Response>);
  fetchMock.mockReset();
  fetchMock.mockImplementation(impl);
  return fetchMock;
}

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

async function captureError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

let infoSpy: MockInstance<typeof console.info>;

function loggedCalls(): Record<string, unknown>[] {
  return infoSpy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

beforeEach(() => {
  vi.stubEnv('TALKOVER_API_URL', BASE_URL);
  vi.stubEnv('TALKOVER_API_TOKEN', TOKEN);
  vi.stubEnv('TALKOVER_TIMEOUT_MS', '2500');
  infoSpy = vi.spyOn(console, 'info').mockImplementation(() => {});
  // A fresh budget and cache per test; retry backoff costs no real time.
  resetUpstreamState(new ManualClock());
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('a successful call', () => {
  test('sends the documented request and returns the parsed data', async () => {
    const timeoutSpy = vi.spyOn(AbortSignal, 'timeout');
    const fetchMock = stubFetch(async () => jsonResponse(STATS_BODY));

    await expect(requestTalkoverStats(RANGE)).resolves.toEqual(STATS_BODY.data);

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    const parsedUrl = new URL(String(url));
    expect(parsedUrl.origin + parsedUrl.pathname).toBe('https://talkover.test/api/v1/callback-agents/stats');
    expect(Object.fromEntries(parsedUrl.searchParams)).toEqual({ start_date: '2024-01-01', end_date: '2024-01-31' });
    expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
    expect(init?.redirect).toBe('error');
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(timeoutSpy).toHaveBeenCalledWith(2500);
  });

  test('a trailing slash on TALKOVER_API_URL does not double the slash', async () => {
    vi.stubEnv('TALKOVER_API_URL', `${BASE_URL}//`);
    const fetchMock = stubFetch(async () => jsonResponse(STATS_BODY));
    await requestTalkoverStats(RANGE);
    expect(String(fetchMock.mock.calls[0]![0])).toBe(
      'https://talkover.test/api/v1/callback-agents/stats?start_date=2024-01-01&end_date=2024-01-31',
    );
  });

  test('undefined query values are left out', async () => {
    const fetchMock = stubFetch(async () => jsonResponse({ ok: 1 }));
    await talkoverGet('/health', { a: 'x y', b: undefined }, z.object({ ok: z.number() }));
    expect(String(fetchMock.mock.calls[0]![0])).toBe('https://talkover.test/api/v1/health?a=x+y');
  });

  test('logs one talkover_call line without the token', async () => {
    stubFetch(async () => jsonResponse(STATS_BODY));
    await requestTalkoverStats(RANGE);
    expect(infoSpy).toHaveBeenCalledTimes(1);
    expect(String(infoSpy.mock.calls[0]![0])).not.toContain(TOKEN);
    expect(loggedCalls()[0]).toEqual({
      event: 'talkover_call',
      endpoint: '/callback-agents/stats',
      cache: 'uncached',
      retry: 0,
      status: 200,
      outcome: 'ok',
      duration_ms: expect.any(Number),
    });
  });

  test('the request times out after TALKOVER_TIMEOUT_MS through the signal', async () => {
    vi.stubEnv('TALKOVER_TIMEOUT_MS', '100');
    stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          const signal = init!.signal!;
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const error = await captureError(requestTalkoverStats(RANGE));
    expect(error.kind).toBe('upstream_timeout');
    expect(error.status).toBe(504);
  });
});

type FailureCase = {
  name: string;
  response: () => Response;
  kind: AppErrorKind;
  status: number;
  retryAfterSeconds?: number;
};

const HTML_PAGE = `<html><head><title>502 Bad Gateway</title></head><body>${UPSTREAM_TEXT} ${TOKEN}</body></html>`;
const nested = (code: string) => ({ success: false, error: { code, message: UPSTREAM_TEXT, details: { token: TOKEN } } });
const flat = (code: string) => ({ success: false, message: UPSTREAM_TEXT, code });

describe('upstream failures map to AppErrors', () => {
  test.each<FailureCase>([
    { name: '401 nested', response: () => jsonResponse(nested('INVALID_API_KEY'), 401), kind: 'upstream_rejected_token', status: 502 },
    { name: '401 HTML', response: () => new Response(HTML_PAGE, { status: 401 }), kind: 'upstream_rejected_token', status: 502 },
    { name: '403 flat', response: () => jsonResponse(flat('FORBIDDEN'), 403), kind: 'upstream_rejected_token', status: 502 },
    {
      name: '429 Retry-After 30',
      response: () => jsonResponse(nested('RATE_LIMIT_EXCEEDED'), 429, { 'Retry-After': '30' }),
      kind: 'upstream_rate_limited',
      status: 503,
      retryAfterSeconds: 30,
    },
    {
      name: '429 without Retry-After',
      response: () => jsonResponse(flat('RATE_LIMIT_EXCEEDED'), 429),
      kind: 'upstream_rate_limited',
      status: 503,
      retryAfterSeconds: undefined,
    },
    { name: '500', response: () => jsonResponse(nested('INTERNAL_ERROR'), 500), kind: 'upstream_unavailable', status: 503 },
    { name: '502 HTML', response: () => new Response(HTML_PAGE, { status: 502 }), kind: 'upstream_unavailable', status: 503 },
    { name: '503 empty body', response: () => new Response('', { status: 503 }), kind: 'upstream_unavailable', status: 503 },
    {
      name: '404 flat',
      response: () => jsonResponse(flat('AGENT_NOT_FOUND'), 404),
      kind: 'upstream_rejected_request',
      status: 502,
    },
    {
      name: '422 nested',
      response: () => jsonResponse(nested('VALIDATION_ERROR'), 422),
      kind: 'upstream_rejected_request',
      status: 502,
    },
    {
      name: '400 with a success-shaped body',
      response: () => jsonResponse(STATS_BODY, 400),
      kind: 'upstream_rejected_request',
      status: 502,
    },
    {
      name: '200 success:false nested INVALID_API_KEY',
      response: () => jsonResponse(nested('INVALID_API_KEY')),
      kind: 'upstream_rejected_token',
      status: 502,
    },
    {
      name: '200 success:false flat INVALID_API_KEY',
      response: () => jsonResponse(flat('INVALID_API_KEY')),
      kind: 'upstream_rejected_token',
      status: 502,
    },
    {
      name: '200 success:false nested RATE_LIMIT_EXCEEDED',
      response: () => jsonResponse(nested('RATE_LIMIT_EXCEEDED')),
      kind: 'upstream_rate_limited',
      status: 503,
      retryAfterSeconds: undefined,
    },
    {
      name: '200 success:false flat RATE_LIMIT_EXCEEDED with Retry-After 12',
      response: () => jsonResponse(flat('RATE_LIMIT_EXCEEDED'), 200, { 'Retry-After': '12' }),
      kind: 'upstream_rate_limited',
      status: 503,
      retryAfterSeconds: 12,
    },
    {
      name: '200 success:false nested other code',
      response: () => jsonResponse(nested('AGENT_NOT_CONFIGURED')),
      kind: 'upstream_rejected_request',
      status: 502,
    },
    {
      name: '200 success:false flat other code',
      response: () => jsonResponse(flat('SOME_CODE')),
      kind: 'upstream_rejected_request',
      status: 502,
    },
    {
      name: '200 success:false without a code',
      response: () => jsonResponse({ success: false, message: UPSTREAM_TEXT }),
      kind: 'upstream_rejected_request',
      status: 502,
    },
    {
      name: '200 HTML',
      response: () => new Response(HTML_PAGE, { status: 200, headers: { 'Content-Type': 'text/html' } }),
      kind: 'upstream_bad_payload',
      status: 502,
    },
    { name: '200 empty body', response: () => new Response('', { status: 200 }), kind: 'upstream_bad_payload', status: 502 },
    {
      name: '200 wrong shape (string count)',
      response: () => jsonResponse({ ...STATS_BODY, data: { ...STATS_BODY.data, total_callbacks_received: `${UPSTREAM_TEXT}` } }),
      kind: 'upstream_bad_payload',
      status: 502,
    },
    {
      name: '200 wrong shape (no data)',
      response: () => jsonResponse({ success: true, message: UPSTREAM_TEXT }),
      kind: 'upstream_bad_payload',
      status: 502,
    },
    { name: '200 JSON null', response: () => jsonResponse(null), kind: 'upstream_bad_payload', status: 502 },
  ])('$name → $kind ($status)', async ({ response, kind, status, retryAfterSeconds }) => {
    let sent: Response | undefined;
    const fetchMock = stubFetch(async () => (sent = response()));
    const error = await captureError(requestTalkoverStats(RANGE));

    // 502/503/504 are retried twice; every other answer is final.
    const tries = [502, 503, 504].includes(sent!.status) ? 3 : 1;
    expect(fetchMock).toHaveBeenCalledTimes(tries);
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.isUpstream).toBe(true);
    expect(error.retryAfterSeconds).toBe(retryAfterSeconds);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(UPSTREAM_TEXT);
    expect(error.message).not.toContain('502 Bad Gateway');

    expect(infoSpy).toHaveBeenCalledTimes(tries);
    const line = String(infoSpy.mock.calls[0]![0]);
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(UPSTREAM_TEXT);
    expect(JSON.parse(line)).toMatchObject({
      event: 'talkover_call',
      endpoint: '/callback-agents/stats',
      status: sent!.status,
      outcome: kind,
    });
  });

  test('429 with an HTTP-date Retry-After counts seconds from now', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-15T12:00:00Z'));
    stubFetch(async () => jsonResponse(flat('RATE_LIMIT_EXCEEDED'), 429, { 'Retry-After': 'Sun, 15 Mar 2026 12:01:30 GMT' }));
    const error = await captureError(requestTalkoverStats(RANGE));
    expect(error.kind).toBe('upstream_rate_limited');
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(90);
  });

  test('the log line records status, outcome and upstream code', async () => {
    stubFetch(async () => jsonResponse(nested('INVALID_API_KEY'), 401));
    await captureError(requestTalkoverStats(RANGE));
    expect(loggedCalls()).toEqual([
      {
        event: 'talkover_call',
        endpoint: '/callback-agents/stats',
        cache: 'uncached',
        retry: 0,
        status: 401,
        outcome: 'upstream_rejected_token',
        code: 'INVALID_API_KEY',
        duration_ms: expect.any(Number),
      },
    ]);
  });

  test.each<{ name: string; error: () => unknown; kind: AppErrorKind; status: number; outcome: string }>([
    {
      name: 'DOMException TimeoutError',
      error: () => new DOMException(`The operation timed out ${UPSTREAM_TEXT}`, 'TimeoutError'),
      kind: 'upstream_timeout',
      status: 504,
      outcome: 'timeout',
    },
    {
      name: 'TypeError (connection reset, DNS, redirect refused)',
      error: () => new TypeError(`fetch failed ${UPSTREAM_TEXT} Bearer ${TOKEN}`),
      kind: 'upstream_unavailable',
      status: 503,
      outcome: 'network_error',
    },
    {
      name: 'DOMException AbortError',
      error: () => new DOMException('This operation was aborted', 'AbortError'),
      kind: 'upstream_unavailable',
      status: 503,
      outcome: 'network_error',
    },
  ])('fetch rejecting with $name → $kind ($status)', async ({ error: makeError, kind, status, outcome }) => {
    stubFetch(async () => {
      throw makeError();
    });
    const error = await captureError(requestTalkoverStats(RANGE));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(UPSTREAM_TEXT);
    // Network failures and timeouts are retried twice, each try logged with its number.
    expect(loggedCalls()).toEqual(
      [0, 1, 2].map((retry) => ({
        event: 'talkover_call',
        endpoint: '/callback-agents/stats',
        cache: 'uncached',
        retry,
        status: null,
        outcome,
        duration_ms: expect.any(Number),
      })),
    );
    expect(String(infoSpy.mock.calls[0]![0])).not.toContain(TOKEN);
  });

  test('a body that fails while being read is a network failure', async () => {
    stubFetch(async () => {
      const body = new ReadableStream({
        start(controller) {
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(body, { status: 200 });
    });
    const error = await captureError(requestTalkoverStats(RANGE));
    expect(error.kind).toBe('upstream_unavailable');
  });
});

describe('configuration', () => {
  test.each([
    { name: 'TALKOVER_API_TOKEN empty', env: { TALKOVER_API_TOKEN: '' }, names: 'TALKOVER_API_TOKEN' },
    { name: 'TALKOVER_API_TOKEN blank', env: { TALKOVER_API_TOKEN: '   ' }, names: 'TALKOVER_API_TOKEN' },
    { name: 'TALKOVER_API_URL not a URL', env: { TALKOVER_API_URL: 'not a url' }, names: 'TALKOVER_API_URL' },
    { name: 'TALKOVER_API_URL ftp', env: { TALKOVER_API_URL: 'ftp://talkover.test/api/v1' }, names: 'TALKOVER_API_URL' },
    { name: 'TALKOVER_TIMEOUT_MS not a number', env: { TALKOVER_TIMEOUT_MS: 'soon' }, names: 'TALKOVER_TIMEOUT_MS' },
    { name: 'TALKOVER_TIMEOUT_MS too large', env: { TALKOVER_TIMEOUT_MS: '600000' }, names: 'TALKOVER_TIMEOUT_MS' },
  ])('$name → server_misconfigured naming $names, no request sent', async ({ env, names }) => {
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    const fetchMock = stubFetch(async () => jsonResponse(STATS_BODY));
    const error = await captureError(requestTalkoverStats(RANGE));
    expect(error.kind).toBe('server_misconfigured');
    expect(error.status).toBe(503);
    expect(error.message).toContain(names);
    expect(error.message).not.toContain(TOKEN);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  test('missing token message is exact', async () => {
    vi.stubEnv('TALKOVER_API_TOKEN', '');
    stubFetch(async () => jsonResponse(STATS_BODY));
    const error = await captureError(requestTalkoverStats(RANGE));
    expect(error.message).toBe('The server is not configured to reach Talkover: TALKOVER_API_TOKEN is not set. Ask an admin.');
  });

  test('the Talkover settings apply defaults, trims the token and the trailing slash', () => {
    const defaults = {
      environment: 'default',
      timeoutMs: 8000,
      deadlineMs: 15_000,
      rateLimitPerMinute: 100,
      maxConcurrent: 8,
      cacheTtlSeconds: 60,
      cacheTtlClosedSeconds: 3600,
    };
    expect(talkoverSettings.parse({ TALKOVER_API_TOKEN: ` ${TOKEN} ` })).toEqual({
      baseUrl: 'https://app.talkover.ai/api/v1',
      token: TOKEN,
      ...defaults,
    });
    expect(
      talkoverSettings.parse({ TALKOVER_API_URL: 'https://talkover.test/api/v1/', TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: '' }),
    ).toEqual({ baseUrl: 'https://talkover.test/api/v1', token: TOKEN, ...defaults });
  });

  test.each<{ name: string; env: Record<string, string | undefined>; problem: string | null }>([
    { name: 'a good env', env: { TALKOVER_API_URL: BASE_URL, TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: '2500' }, problem: null },
    { name: 'only the token (defaults)', env: { TALKOVER_API_TOKEN: TOKEN }, problem: null },
    {
      name: 'empty URL and timeout (defaults)',
      env: { TALKOVER_API_URL: '', TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: '' },
      problem: null,
    },
    { name: 'timeout at the bounds', env: { TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: '100' }, problem: null },
    { name: 'timeout at the upper bound', env: { TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: '60000' }, problem: null },
    { name: 'no token', env: {}, problem: 'TALKOVER_API_TOKEN is not set' },
    { name: 'empty token', env: { TALKOVER_API_TOKEN: '' }, problem: 'TALKOVER_API_TOKEN is not set' },
    { name: 'blank token', env: { TALKOVER_API_TOKEN: ' \t ' }, problem: 'TALKOVER_API_TOKEN is not set' },
    {
      name: 'plain http to another host',
      env: { TALKOVER_API_URL: 'http://talkover.test/api/v1', TALKOVER_API_TOKEN: TOKEN },
      problem: 'TALKOVER_API_URL must use https (plain http only for localhost)',
    },
    { name: 'plain http to 127.0.0.1', env: { TALKOVER_API_URL: 'http://127.0.0.1:4010/api/v1', TALKOVER_API_TOKEN: TOKEN }, problem: null },
    { name: 'plain http to localhost', env: { TALKOVER_API_URL: 'http://localhost:4010/api/v1', TALKOVER_API_TOKEN: TOKEN }, problem: null },
    {
      name: 'bad URL',
      env: { TALKOVER_API_URL: 'talkover.test', TALKOVER_API_TOKEN: TOKEN },
      problem: 'TALKOVER_API_URL must be an http(s) URL',
    },
    // A token pasted into the wrong variable must not be echoed back.
    {
      name: 'token in the URL variable',
      env: { TALKOVER_API_URL: TOKEN, TALKOVER_API_TOKEN: TOKEN },
      problem: 'TALKOVER_API_URL must be an http(s) URL',
    },
    {
      name: 'token in the timeout variable',
      env: { TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: TOKEN },
      problem: 'TALKOVER_TIMEOUT_MS must be a number of milliseconds',
    },
    {
      name: 'timeout too small',
      env: { TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: '99' },
      problem: 'TALKOVER_TIMEOUT_MS must be between 100 and 60000',
    },
    {
      name: 'timeout too large',
      env: { TALKOVER_API_TOKEN: TOKEN, TALKOVER_TIMEOUT_MS: '60001' },
      problem: 'TALKOVER_TIMEOUT_MS must be between 100 and 60000',
    },
  ])('findProblem: $name → $problem', ({ env, problem }) => {
    const result = talkoverSettings.findProblem(env);
    expect(result).toBe(problem);
    if (result !== null) expect(result).not.toContain(TOKEN);
  });

  test('the process settings are parsed from process.env once, until reset', () => {
    expect(talkoverSettings.getProblem()).toBeNull();
    vi.stubEnv('TALKOVER_API_TOKEN', '');
    expect(talkoverSettings.getProblem()).toBeNull();
    resetSettings();
    expect(talkoverSettings.getProblem()).toBe('TALKOVER_API_TOKEN is not set');
  });
});

describe('a pause Talkover asks for', () => {
  test('lasts at most 5 minutes, then one call probes while the others wait for it', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 15, 12));
    resetUpstreamState(clock);
    let answerProbe!: () => void;
    const fetchMock = stubFetch(async () => jsonResponse(nested('RATE_LIMIT_EXCEEDED'), 429, { 'Retry-After': '86400' }));
    // What the member is told matches: try again in 5 minutes, not in a day.
    expect(await captureError(requestTalkoverStats(RANGE))).toMatchObject({ kind: 'upstream_rate_limited', retryAfterSeconds: 300 });
    const config = getTalkoverConfig();
    const { pausedForMs } = await getUpstreamState(config).budget.snapshot();
    expect(pausedForMs).toBe(5 * 60_000);

    clock.advance(5 * 60_000);
    fetchMock.mockImplementation(() => new Promise<Response>((resolve) => (answerProbe = () => resolve(jsonResponse(STATS_BODY)))));
    const probe = requestTalkoverStats(RANGE);
    await vi.waitFor(() => expect(answerProbe).toBeDefined());
    // While the probe is out, another call waits for it; past its deadline it is told to try again shortly.
    const waiting = await captureError(requestTalkoverStats(RANGE));
    expect(waiting).toMatchObject({ kind: 'upstream_rate_limited', retryAfterSeconds: 5 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    answerProbe();
    await expect(probe).resolves.toEqual(STATS_BODY.data);
    // Talkover is back: calls flow again.
    fetchMock.mockImplementation(async () => jsonResponse(STATS_BODY));
    await expect(Promise.all([requestTalkoverStats(RANGE), requestTalkoverStats(RANGE)])).resolves.toHaveLength(2);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });
});
