import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, RANGE_PRESETS, todayIn } from '../../lib/date-range';
import { SOURCE_AGENTS } from '../../simulator/agents';
import type { Fault } from '../../simulator/server';
import { launchBrowser, signedInContext, signIn } from './support/browser';
import { E2E } from './support/context';
import { resetSimulator, setFault } from './support/simulator-control';

/**
 * The app runs with a canary Talkover token (E2E.canaryToken). Whatever is asked of it, signed in
 * or out, under every upstream fault, the canary must not reach a browser (HTML, RSC payloads,
 * JSON, headers), the build output (client `static/` and `server/`), or the server's log.
 * (Supersedes token-leak.spec.ts: its three checks are the first, second and last below.)
 */
const { appUrl, simulatorOrigin, serverLog } = inject('e2e');
const root = path.resolve(import.meta.dirname, '../..');
const distDir = path.join(root, E2E.distDir);

/** The canary as bytes: UTF-8, UTF-16 and base64 (at each of the three byte alignments). */
const NEEDLES: { form: string; bytes: Buffer }[] = (() => {
  const token = E2E.canaryToken;
  const needles = [
    { form: 'utf-8', bytes: Buffer.from(token, 'utf8') },
    { form: 'utf-16le', bytes: Buffer.from(token, 'utf16le') },
  ];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.from(`${'x'.repeat(offset)}${token}`).toString('base64');
    // Drop the characters the prefix and the padding influence: the rest is fixed.
    needles.push({ form: `base64+${offset}`, bytes: Buffer.from(encoded.slice(offset ? 4 : 0, -4)) });
  }
  return needles;
})();

function canaryIn(data: Buffer | string): string | null {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return NEEDLES.find(({ bytes: needle }) => bytes.includes(needle))?.form ?? null;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      // Links Turbopack makes to external packages (libsql, pg) point into node_modules: not build output.
      if (entry.isSymbolicLink()) return Promise.resolve([]);
      return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

async function leakingFiles(files: string[]): Promise<string[]> {
  const leaks: string[] = [];
  for (const file of files) {
    const form = canaryIn(await readFile(file));
    if (form) leaks.push(`${path.relative(root, file)} (${form})`);
  }
  return leaks;
}

// ---------------------------------------------------------------------------------------------
// Everything fetched below is recorded: status line, every header, body.
// ---------------------------------------------------------------------------------------------

type Seen = { what: string; status: number; headers: string; body: string };
const seen: Seen[] = [];
let cookie = '';
let browser: Browser;
/** What the browser session received (the flow of the original token-leak spec). */
const received: { url: string; text: string }[] = [];

type Options = { headers?: Record<string, string>; signedIn?: boolean; method?: string; body?: string };

async function fetchRecorded(what: string, urlPath: string, options: Options = {}): Promise<Seen> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.signedIn !== false) headers.Cookie = cookie;
  const response = await fetch(`${appUrl}${urlPath}`, { method: options.method ?? 'GET', headers, body: options.body, redirect: 'manual' });
  const entry: Seen = {
    what: `${what}: ${options.method ?? 'GET'} ${urlPath} ${JSON.stringify(options.headers ?? {})}`,
    status: response.status,
    headers: JSON.stringify([...response.headers, ...response.headers.getSetCookie().map((value) => ['set-cookie', value])]),
    body: await response.text(),
  };
  seen.push(entry);
  return entry;
}

/**
 * An RSC request as the client router sends it. Next answers the first try with a redirect to
 * the same URL plus an `_rsc` cache-busting parameter derived from the headers; follow it.
 */
async function fetchRsc(what: string, urlPath: string, headers: Record<string, string>): Promise<Seen> {
  const first = await fetchRecorded(what, urlPath, { headers: { RSC: '1', ...headers } });
  const location = JSON.parse(first.headers).find(([name]: [string]) => name === 'location')?.[1] as string | undefined;
  if (first.status !== 307 || !location?.includes('_rsc')) return first;
  const next = new URL(location, appUrl);
  return fetchRecorded(what, `${next.pathname}${next.search}`, { headers: { RSC: '1', ...headers } });
}

function leaksIn(entries: Seen[]): string[] {
  return entries.filter((entry) => canaryIn(`${entry.headers}\n${entry.body}`)).map((entry) => entry.what);
}

const today = () => todayIn(E2E.timeZone, new Date());
/** A one-day range used by no other spec, so its figures cannot come from the cache. */
const freshRange = (index: number) => {
  const day = addDays(today(), -(500 + index));
  return `start_date=${day}&end_date=${day}`;
};
let freshIndex = 0;

const INVALID_QUERIES = [
  '?start_date=bad&end_date=worse',
  '?start_date=2024-02-30&end_date=2024-03-01',
  '?start_date=0000-00-00&end_date=9999-12-31',
  '?start_date=2025-03-10&end_date=2025-03-01',
  '?start_date=2020-01-01&end_date=2022-01-01',
  '?start_date=2999-01-01&end_date=2999-01-02',
  '?range=fortnight',
  '?range=7d&range=30d',
  '?range=7d&start_date=2025-01-01',
  '?start_date=2025-01-01',
  '?range=%3Cscript%3E%24%7Bprocess.env.TALKOVER_API_TOKEN%7D',
];

const FAULTS: [Fault, number, string | null][] = [
  [{ mode: 'unauthorized' }, 502, 'upstream_rejected_token'],
  [{ mode: 'forbidden' }, 502, 'upstream_rejected_token'],
  [{ mode: 'server-error' }, 503, 'upstream_unavailable'],
  [{ mode: 'unavailable' }, 503, 'upstream_unavailable'],
  [{ mode: 'hang' }, 504, 'upstream_timeout'],
  [{ mode: 'html' }, 502, 'upstream_bad_payload'],
  [{ mode: 'wrong-shape' }, 502, 'upstream_bad_payload'],
  [{ mode: 'success-false' }, 503, 'upstream_unavailable'],
  [{ mode: 'hostile-names' }, 200, null],
  [{ mode: 'latency', ms: 300 }, 200, null],
  // Last: a 429 pauses every Talkover call for Retry-After seconds.
  [{ mode: 'rate-limited', retryAfterSeconds: 1 }, 503, 'upstream_rate_limited'],
];

// Dashboard router state trees, as the client router sends them on a soft navigation.
const STATE_TREES = {
  dashboard: ['', { children: ['(dashboard)', { children: ['__PAGE__', {}] }] }, null, null, 0],
  login: ['', { children: ['(auth)', { children: ['login', { children: ['__PAGE__', {}] }] }] }],
};
const stateTree = (tree: unknown) => encodeURIComponent(JSON.stringify(tree));

beforeAll(async () => {
  browser = await launchBrowser();
  await resetSimulator(simulatorOrigin);

  // The browser session of the original token-leak spec: sign in, presets, faults, sign out.
  const context = await browser.newContext();
  // Each response is read in the background; all of them are awaited before the context closes,
  // so none is lost (or read from a closed page) when the machine is slow.
  const reading: Promise<void>[] = [];
  context.on('response', (response) => {
    reading.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders());
        const body = await response.text().catch(() => ''); // redirects have no body
        received.push({ url: response.url(), text: `${headers}\n${body}` });
      })(),
    );
  });
  const page = await context.newPage();
  await page.goto(`${appUrl}/?range=7d`);
  await signIn(page);
  await page.waitForURL(`${appUrl}/?range=7d`);
  await page.locator('.kpi-value').first().waitFor();
  await page.getByRole('link', { name: 'Last 90 days' }).click();
  await page.waitForURL(`${appUrl}/?range=90d`);
  await page.locator('.kpi-value').first().waitFor();
  for (const fault of [{ mode: 'unauthorized' }, { mode: 'server-error' }, { mode: 'wrong-shape' }] as const) {
    await setFault(simulatorOrigin, fault);
    // A range no other request has cached, so the fault is what the page meets.
    const range = freshRange(freshIndex++);
    await page.goto(`${appUrl}/?${range}`);
    await page.getByRole('main').getByRole('alert').waitFor();
    await page.goto(`${appUrl}/api/stats?${range}`);
  }
  await resetSimulator(simulatorOrigin);
  await page.goto(`${appUrl}/api/stats?range=30d`);
  await page.goto(`${appUrl}/?start_date=bad&end_date=worse`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await Promise.all(reading);
  await context.close();

  // A second session, whose cookie the fetches below carry.
  const signedIn = await signedInContext(browser, appUrl);
  cookie = (await signedIn.cookies(appUrl)).map(({ name, value }) => `${name}=${value}`).join('; ');
  await signedIn.close();
  expect(cookie).toContain('next-auth.session-token=');
}, 180_000);
afterAll(async () => {
  await resetSimulator(simulatorOrigin);
  await browser?.close();
});

describe('the Talkover token', () => {
  it('appears in no response the browser received', () => {
    expect(received.length).toBeGreaterThan(15);
    expect(received.some(({ url }) => url.includes('/_next/static/'))).toBe(true);
    const leaks = received.filter(({ text }) => canaryIn(text)).map(({ url }) => url);
    expect(leaks).toEqual([]);
  });

  it('appears in no file of the client build (static/), read as bytes', async () => {
    const files = await filesUnder(path.join(distDir, 'static'));
    expect(files.length).toBeGreaterThan(5);
    expect(await leakingFiles(files)).toEqual([]);
  });

  it('appears in no file of the server build (server/), read as bytes', async () => {
    const files = await filesUnder(path.join(distDir, 'server'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(await leakingFiles(files)).toEqual([]);
  });

  it('appears in no other file of the build output (manifests, traces, types; the bundler cache aside)', async () => {
    const entries = await readdir(distDir, { withFileTypes: true });
    const files: string[] = [];
    for (const entry of entries) {
      if (['static', 'server', 'cache'].includes(entry.name)) continue;
      const full = path.join(distDir, entry.name);
      files.push(...(entry.isDirectory() ? await filesUnder(full) : [full]));
    }
    expect(files.some((file) => file.endsWith('required-server-files.json'))).toBe(true);
    expect(await leakingFiles(files)).toEqual([]);
  });

  it('appears in no HTML page, signed in or out', async () => {
    const start = seen.length;
    const pages = ['/', ...RANGE_PRESETS.map((preset) => `/?range=${preset}`), ...INVALID_QUERIES.map((query) => `/${query}`)];
    for (const urlPath of pages) {
      const answer = await fetchRecorded('page', urlPath);
      expect(answer.status, urlPath).toBe(200);
      expect(answer.body, urlPath).toContain(`Signed in as`);
    }
    for (const urlPath of ['/login', '/login?callbackUrl=%2F%3Frange%3D7d', '/nope']) await fetchRecorded('page', urlPath);
    for (const urlPath of ['/login', '/login?error=Configuration', '/?range=7d', '/nope']) {
      await fetchRecorded('page, signed out', urlPath, { signedIn: false });
    }
    const entries = seen.slice(start);
    // The figures were really rendered into the pages scanned (today's may still be empty).
    expect(entries.filter((entry) => entry.body.includes('kpi-value')).length).toBeGreaterThanOrEqual(RANGE_PRESETS.length - 1);
    expect(leaksIn(entries)).toEqual([]);
  });

  it('appears in no RSC payload (plain, with a router state tree, prefetch)', async () => {
    const start = seen.length;
    const urls = ['/', '/?range=7d', '/?range=last-month', '/?start_date=bad&end_date=worse', '/login', '/nope'];
    const variants: Record<string, string>[] = [
      {},
      { 'Next-Router-State-Tree': stateTree(STATE_TREES.dashboard) },
      { 'Next-Router-State-Tree': stateTree(STATE_TREES.login) },
      { 'Next-Router-Prefetch': '1' },
      { 'Next-Router-State-Tree': stateTree(STATE_TREES.dashboard), 'Next-Router-Prefetch': '1' },
    ];
    let payloads = 0;
    for (const urlPath of urls) {
      for (const headers of variants) {
        const answer = await fetchRsc('rsc', urlPath, headers);
        if (answer.status === 200 && answer.headers.includes('text/x-component')) payloads++;
      }
    }
    // A malformed tree: Next refuses it; its error answer and log line must not leak either.
    await fetchRsc('rsc, malformed tree', '/?range=7d', { 'Next-Router-State-Tree': '%5B%22%22%2C%7B' });
    // The dashboard's payloads were really RSC, with the figures in them.
    expect(payloads).toBeGreaterThanOrEqual(15);
    expect(seen.slice(start).some((entry) => entry.headers.includes('text/x-component') && entry.body.includes('kpi-value'))).toBe(true);
    expect(leaksIn(seen.slice(start))).toEqual([]);
  });

  it('appears in no /api/stats JSON: every preset, the default, invalid ranges', async () => {
    const start = seen.length;
    for (const preset of RANGE_PRESETS) {
      const answer = await fetchRecorded('api', `/api/stats?range=${preset}`);
      expect(answer.status, preset).toBe(200);
    }
    expect((await fetchRecorded('api', '/api/stats')).status).toBe(200);
    for (const query of INVALID_QUERIES) {
      const answer = await fetchRecorded('api', `/api/stats${query}`);
      expect(answer.status, query).toBe(400);
    }
    expect((await fetchRecorded('api, signed out', '/api/stats?range=7d', { signedIn: false })).status).toBe(401);
    expect(leaksIn(seen.slice(start))).toEqual([]);
  });

  it('appears in no /api/stats JSON under each simulator fault, nor in the page and RSC payload then', async () => {
    const start = seen.length;
    for (const [fault, status, code] of FAULTS) {
      await setFault(simulatorOrigin, fault);
      const query = freshRange(freshIndex++);
      const answer = await fetchRecorded(`api, fault ${fault.mode}`, `/api/stats?${query}`);
      expect(answer.status, `${fault.mode}: ${answer.body}`).toBe(status);
      if (code) expect(JSON.parse(answer.body).error.code, fault.mode).toBe(code);
      if (['unauthorized', 'wrong-shape', 'html'].includes(fault.mode)) {
        // The same failure as the page shows it, in HTML and as an RSC payload (fresh ranges: failures are not cached).
        await fetchRecorded(`page, fault ${fault.mode}`, `/?${freshRange(freshIndex++)}`);
        await fetchRsc(`rsc, fault ${fault.mode}`, `/?${freshRange(freshIndex++)}`, {});
      }
    }
    await resetSimulator(simulatorOrigin);
    // Let the pause the 429 started run out before anything else calls Talkover.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(leaksIn(seen.slice(start))).toEqual([]);
  }, 120_000);

  it('appears in no session, health, metrics or sign-in answer', async () => {
    const start = seen.length;
    const session = await fetchRecorded('session', '/api/auth/session');
    expect(Object.keys(JSON.parse(session.body)).sort()).toEqual(['expires', 'user']);
    expect(JSON.parse(session.body).user).toEqual({ email: E2E.email });
    await fetchRecorded('session, signed out', '/api/auth/session', { signedIn: false });
    await fetchRecorded('csrf', '/api/auth/csrf', { signedIn: false });
    await fetchRecorded('providers', '/api/auth/providers', { signedIn: false });
    await fetchRecorded('health', '/api/health');
    await fetchRecorded('health, signed out', '/api/health', { signedIn: false });
    await fetchRecorded('metrics, no bearer', '/api/metrics', { signedIn: false });
    const metrics = await fetchRecorded('metrics', '/api/metrics', {
      signedIn: false,
      headers: { Authorization: `Bearer ${E2E.metricsToken}` },
    });
    expect(metrics.status).toBe(200);
    // Everything above happened: the metrics count it, and name no one and nothing from Talkover.
    expect(metrics.body).toMatch(/^talkover_calls_total\{endpoint="\/callback-agents\/stats",outcome="upstream_rejected_token"\} [1-9]/m);
    expect(metrics.body).toMatch(/^sign_in_attempts_total\{outcome="success"\} [1-9]/m);
    for (const text of [E2E.email, E2E.metricsToken, ...SOURCE_AGENTS.map((agent) => agent.name)]) expect(metrics.body).not.toContain(text);
    expect(leaksIn(seen.slice(start))).toEqual([]);
  });

  it('appears in no answer of the language menu (POST /api/locale), nor the pages it returns to', async () => {
    const start = seen.length;
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl };
    const answers = [
      await fetchRecorded('locale', '/api/locale', { method: 'POST', headers: form, body: 'locale=pt-BR&return_to=%2F%3Frange%3D7d' }),
      await fetchRecorded('locale, signed out', '/api/locale', {
        method: 'POST',
        headers: form,
        body: 'locale=en&return_to=%2Flogin',
        signedIn: false,
      }),
      await fetchRecorded('locale, unknown language', '/api/locale', { method: 'POST', headers: form, body: 'locale=xx' }),
      await fetchRecorded('locale, cross-site', '/api/locale', {
        method: 'POST',
        headers: { ...form, Origin: 'https://evil.example' },
        body: 'locale=en',
      }),
      await fetchRecorded('locale, not a form', '/api/locale', {
        method: 'POST',
        headers: { Origin: appUrl, 'Content-Type': 'application/json' },
        body: '{}',
      }),
      await fetchRecorded('locale, GET', '/api/locale'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([303, 303, 400, 403, 400, 405]);
    // Where the menu sends the viewer: the same page, now in the chosen language, figures and all.
    const page = await fetchRecorded('page after the menu', '/?range=7d', {
      headers: { Cookie: `${cookie}; NEXT_LOCALE=pt-BR` },
      signedIn: false,
    });
    expect(page.body).toContain('lang="pt-BR"');
    expect(page.body).toContain('kpi-value');
    expect(leaksIn(seen.slice(start))).toEqual([]);
  });

  it('appears in no response header of any request above', () => {
    expect(seen.length).toBeGreaterThan(80);
    expect(seen.filter((entry) => canaryIn(entry.headers)).map((entry) => entry.what)).toEqual([]);
  });

  it('appears in no server log line', async () => {
    const log = await readFile(serverLog, 'utf8');
    expect(log).toContain('"event":"talkover_call"');
    expect(log).toContain('upstream_rejected_token');
    const leaks = log.split('\n').filter((line) => canaryIn(line));
    expect(leaks).toEqual([]);
  });
});
