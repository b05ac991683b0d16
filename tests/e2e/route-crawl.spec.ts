import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SOURCE_AGENTS } from '../../simulator/agents';
import { launchBrowser, signedInContext } from './support/browser';

/**
 * Every page and route handler under app/, found on disk at test time, answers a signed-out
 * request with a redirect to /login (pages) or a 401 (APIs), never with data. The only
 * exceptions are listed in PUBLIC_ROUTES below, each with the reason it is public and what it
 * may show. A route added later is crawled automatically: it fails here until it is protected
 * or deliberately added to the list.
 */
const { appUrl } = inject('e2e');
const root = path.resolve(import.meta.dirname, '../..');
const appDir = path.join(root, 'app');

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof HTTP_METHODS)[number];
/** Methods every route is also probed with, exported or not: none may open a protected route. */
const PROBE_METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REDIRECTS = [302, 303, 307, 308];

type Kind = 'page' | 'route handler' | 'metadata file';
type Route = {
  /** The route as the file system spells it, e.g. `/api/auth/[...nextauth]`. */
  pattern: string;
  /** A URL path that reaches it, dynamic segments filled with sample values. */
  url: string;
  kind: Kind;
  file: string;
  methods: Method[];
};

// ---------------------------------------------------------------------------------------------
// The allow-list: the only routes a signed-out visitor may get a 200 from.
// ---------------------------------------------------------------------------------------------

type Answer = { status: number; headers: Headers; text: string };
type PublicRoute = { why: string; check: (method: Method, answer: Answer) => void };

const PUBLIC_ROUTES: Record<string, PublicRoute> = {
  '/login': {
    why: 'the sign-in page: a signed-out visitor must be able to reach it',
    check: (method, { status, headers, text }) => {
      if (method !== 'GET') return expect(status).toBeLessThan(500);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/text\/html/);
      expect(text).toContain('Sign in to Callback Stats');
      expect(text).not.toContain('Signed in as');
      expectNoFigures(text);
    },
  },
  '/api/health': {
    why: 'liveness for load balancers (README): signed out, only that the app is up',
    check: (method, { status, text }) => {
      if (method !== 'GET') return expect(status).toBeLessThan(500);
      expect(status).toBe(200);
      expect(text).toBe('{"status":"ok"}');
    },
  },
  '/api/metrics': {
    why: 'Prometheus has no session: the metrics have their own bearer (METRICS_TOKEN, set in this suite); without it, 401 and nothing else',
    check: (method, { status, headers, text }) => {
      if (method !== 'GET') return expect(status).toBeLessThan(500);
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(JSON.parse(text).error.code).toBe('unauthorized');
      expect(text).not.toContain('talkover_calls_total');
    },
  },
  '/api/auth/[...nextauth]': {
    why: "next-auth's own endpoints (CSRF token, sign-in, session): they must work signed out",
    check: (_method, { status, text }) => {
      // Whatever next-auth makes of an unknown action: no server error, no figures.
      expect(status).toBeLessThan(500);
      expectNoFigures(text);
    },
  },
  '/api/locale': {
    why: 'the language menu, on the sign-in page too: it sets a language cookie and redirects, nothing else',
    check: (_method, { status, headers, text }) => {
      // The crawl posts JSON, which is no language choice: refused (400), without a cookie.
      expect(status).toBeLessThan(500);
      expect(headers.get('set-cookie')).toBeNull();
      expectNoFigures(text);
    },
  },
  '/digests/unsubscribe': {
    why: "a digest's footer link works without signing in (its signed token is the authority); without a valid token it says so and shows nothing",
    check: (method, { status, headers, text }) => {
      if (method !== 'GET') return expect(status).toBeLessThan(500);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/text\/html/);
      expect(text).toContain('This unsubscribe link is not valid or was already used.');
      expectNoFigures(text);
    },
  },
  '/api/digests/unsubscribe': {
    why: "RFC 8058's one-click unsubscribe, posted by mail clients without a session: only a valid signed token removes its one subscription",
    check: (method, { status, headers, text }) => {
      if (method !== 'POST') return expect(status).toBeLessThan(500);
      expect(status).toBe(303);
      expect(headers.get('location')).toBe('/digests/unsubscribe?result=invalid');
      expectNoFigures(text);
    },
  },
  '/favicon.ico': {
    why: 'the icon browsers ask for on their own (app/favicon.ico): a static file, shapes only',
    check: (method, { status, headers }) => {
      if (method !== 'GET') return expect(status).toBeLessThan(500);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
      expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    },
  },
  '/robots.txt': {
    why: 'tells crawlers to stay out (app/robots.ts): a private dashboard has nothing for them',
    check: (method, { status, headers, text }) => {
      if (method !== 'GET') return expect(status).toBeLessThan(500);
      expect(status).toBe(200);
      expect(text).toMatch(/User-Agent: \*\s+Disallow: \/\s*$/);
      expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    },
  },
  '/icon.svg': {
    why: 'the favicon (app/icon.svg), a static file with nothing in it but shapes',
    check: (method, { status, headers, text }) => {
      if (method !== 'GET') return expect(status).toBeLessThan(500);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expectNoFigures(text);
    },
  },
};

/** Routes that exist only in the demo (`npm run demo`): this suite's server is not one, so 404. */
const DEMO_ONLY_ROUTES = new Set(['/demo/mail', '/demo/mail/[id]']);
/**
 * Sample URLs where `sample-…` cannot reach the page: an item that must exist. A callback agent's
 * page takes only UUIDs (anything else is a 404 by design), so it gets one of the simulator's.
 */
const SAMPLE_URLS: Record<string, string> = {
  '/callback-agents/[id]': '/callback-agents/0b7e9d52-3c4a-4e18-b6f0-2a9c8d1e7b34',
};
/** Item routes whose sample item does not exist: the route is reached and answers its own 404. */
const ITEM_PAGES = new Set(['/alerts/[id]']);
const ITEM_APIS = new Set(['/api/alerts/[id]/events']);

/** Figures from Talkover: the stats JSON's keys, the page's figure cells, the sources' names. */
function expectNoFigures(text: string): void {
  for (const marker of ['"totals"', '"sources"', '"attribution"', 'total_callbacks_received', 'kpi-value', 'source-table']) {
    expect(text, `a signed-out answer holds Talkover figures (${marker})`).not.toContain(marker);
  }
  for (const { name } of SOURCE_AGENTS) expect(text, `a signed-out answer names a source (${name})`).not.toContain(name);
}

// ---------------------------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------------------------

const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx|md)$/;
const ROUTE_FILE = /^route\.(tsx|ts|jsx|js)$/;
// Next's metadata file conventions, served at a URL of their own.
const METADATA_FILE =
  /^(favicon\.ico|(icon|apple-icon)\d*\.(ico|jpg|jpeg|png|gif|svg|tsx|ts|jsx|js)|(opengraph|twitter)-image\d*\.(jpg|jpeg|png|gif|tsx|ts|jsx|js)|sitemap\.(xml|ts|js)|robots\.(txt|ts|js)|manifest\.(json|webmanifest|ts|js))$/;

/** How a folder name shows in the URL: '' for groups and slots, a sample for dynamic segments. */
function urlSegment(name: string, file: string): { pattern: string; sample: string } {
  if (/^\(\.{1,3}\)/.test(name)) throw new Error(`route-crawl cannot request the intercepting route ${file}: teach it how`);
  if (/^\(.+\)$/.test(name) || name.startsWith('@')) return { pattern: '', sample: '' };
  let match = /^\[\[\.\.\.(.+)\]\]$/.exec(name);
  if (match) return { pattern: name, sample: `sample-${match[1]}` };
  match = /^\[\.\.\.(.+)\]$/.exec(name);
  if (match) return { pattern: name, sample: `sample-${match[1]}/more` };
  match = /^\[(.+)\]$/.exec(name);
  if (match) return { pattern: name, sample: `sample-${match[1]}` };
  return { pattern: name, sample: name };
}

function metadataUrl(fileName: string): string {
  const [base, ext] = [fileName.replace(/\.[^.]+$/, ''), fileName.split('.').pop()!];
  const generated = ['tsx', 'ts', 'jsx', 'js'].includes(ext);
  if (!generated) return fileName;
  if (base === 'robots') return 'robots.txt';
  if (base === 'sitemap') return 'sitemap.xml';
  if (base === 'manifest') return 'manifest.webmanifest';
  return base;
}

/** The HTTP methods a route handler exports, in any of the forms TypeScript allows. */
function exportedMethods(source: string, file: string): Method[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g)) names.add(match[1]!);
  for (const match of source.matchAll(/export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(match[1]!);
  for (const match of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of match[1]!.split(',')) {
      const name = item
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  }
  if (/export\s+\*/.test(source)) throw new Error(`${file}: "export *" hides which methods it exports; name them`);
  const methods = HTTP_METHODS.filter((method) => names.has(method));
  if (methods.length === 0) throw new Error(`${file}: found no exported HTTP method (GET, POST, …) to request`);
  return methods;
}

async function discover(): Promise<{ routes: Route[]; other: string[] }> {
  const routes: Route[] = [];
  const other: string[] = [];
  async function walk(dir: string, pattern: string[], sample: string[]): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('_')) {
          other.push(`${rel}/ (private folder: not routable)`);
          continue;
        }
        const segment = urlSegment(entry.name, rel);
        await walk(full, [...pattern, segment.pattern], [...sample, segment.sample]);
        continue;
      }
      const toPath = (parts: string[]) => `/${parts.filter(Boolean).join('/')}`;
      if (PAGE_FILE.test(entry.name)) {
        routes.push({ pattern: toPath(pattern), url: toPath(sample), kind: 'page', file: rel, methods: ['GET'] });
      } else if (ROUTE_FILE.test(entry.name)) {
        const methods = exportedMethods(await readFile(full, 'utf8'), rel);
        routes.push({ pattern: toPath(pattern), url: toPath(sample), kind: 'route handler', file: rel, methods });
      } else if (METADATA_FILE.test(entry.name)) {
        const name = metadataUrl(entry.name);
        routes.push({ pattern: toPath([...pattern, name]), url: toPath([...sample, name]), kind: 'metadata file', file: rel, methods: ['GET'] });
      } else {
        other.push(`${rel} (not a route)`);
      }
    }
  }
  await walk(appDir, [], []);
  return { routes: routes.sort((a, b) => a.pattern.localeCompare(b.pattern)), other: other.sort() };
}

// ---------------------------------------------------------------------------------------------

async function request(method: Method, urlPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = {
    method,
    redirect: 'manual',
    // A same-origin request, as the dashboard's own pages would send it: the test is about the
    // session check, not about a cross-site request being refused earlier.
    headers: { Origin: appUrl, 'Sec-Fetch-Site': 'same-origin', ...headers },
  };
  if (!['GET', 'HEAD'].includes(method)) {
    init.body = '{}';
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${appUrl}${urlPath}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Closed: a redirect to /login that comes back to the URL asked for, or a 401 JSON envelope. */
function expectProtected(what: string, requested: string, { status, headers, text }: Answer): void {
  if (status === 401) {
    if (text) expect(JSON.parse(text), `${what}: 401 body`).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    return;
  }
  expect(REDIRECTS, `${what} is OPEN signed out: ${status} ${text.slice(0, 200)}`).toContain(status);
  const location = new URL(headers.get('location') ?? '', appUrl);
  expect(location.origin, `${what}: redirect leaves the site`).toBe(new URL(appUrl).origin);
  expect(location.pathname, `${what}: redirects to ${location.href}, not /login`).toBe('/login');
  const callbackUrl = location.searchParams.get('callbackUrl');
  expect(callbackUrl, `${what}: redirect to /login without callbackUrl`).toBeTruthy();
  expect(new URL(callbackUrl!, appUrl).pathname, `${what}: callbackUrl ${callbackUrl}`).toBe(new URL(requested, appUrl).pathname);
  expectNoFigures(text);
}

let discovered: { routes: Route[]; other: string[] };
let browser: Browser | undefined;

beforeAll(async () => {
  discovered = await discover();
  const lines = discovered.routes.map(
    (route) =>
      `  ${route.pattern.padEnd(28)} ${route.kind.padEnd(14)} ${route.methods.join(',').padEnd(10)} → ${route.url.padEnd(30)} ${route.file}` +
      (PUBLIC_ROUTES[route.pattern] ? '  [public]' : ''),
  );
  console.log(
    [`route-crawl: ${discovered.routes.length} routes under app/`, ...lines, 'not routes:', ...discovered.other.map((line) => `  ${line}`)].join(
      '\n',
    ),
  );
});
afterAll(() => browser?.close());

describe('route discovery', () => {
  it('finds the pages and route handlers that exist today (so the crawl is not vacuous)', () => {
    const patterns = discovered.routes.map((route) => `${route.kind} ${route.pattern} ${route.methods.join(',')}`);
    expect(patterns).toEqual(
      expect.arrayContaining([
        'page / GET',
        'page /login GET',
        'route handler /api/stats GET',
        'route handler /api/health GET',
        'route handler /api/metrics GET',
        'route handler /api/auth/[...nextauth] GET,POST',
      ]),
    );
  });

  it('has no allow-list entry for a route that no longer exists', () => {
    const patterns = new Set(discovered.routes.map((route) => route.pattern));
    expect(Object.keys(PUBLIC_ROUTES).filter((pattern) => !patterns.has(pattern))).toEqual([]);
  });

  it('reaches a real route with every sample URL (signed in, none is a 404)', async () => {
    browser = await launchBrowser();
    const context = await signedInContext(browser, appUrl);
    const cookie = (await context.cookies(appUrl)).map(({ name, value }) => `${name}=${value}`).join('; ');
    await context.close();
    for (const route of discovered.routes) {
      if (!route.methods.includes('GET')) continue; // never send a signed-in write to find out
      const url = SAMPLE_URLS[route.pattern] ?? route.url;
      const { status, text } = await request('GET', url, { Cookie: cookie });
      if (ITEM_PAGES.has(route.pattern)) {
        // The page ran and called notFound() for an item that does not exist (the route's own
        // 404; a missing route would be the same status, so the page's test covers the rest).
        expect(status, `GET ${url} (${route.file}) signed in`).toBe(404);
        continue;
      }
      if (ITEM_APIS.has(route.pattern)) {
        expect(status, `GET ${url} (${route.file}) signed in`).toBe(404);
        expect(JSON.parse(text).error.code, `GET ${url} is the app's JSON`).toMatch(/not_found$/);
        continue;
      }
      if (DEMO_ONLY_ROUTES.has(route.pattern)) {
        expect(status, `GET ${route.url} (${route.file}) signed in, outside the demo`).toBe(404);
        continue;
      }
      expect(status, `GET ${url} (${route.file}) signed in`).not.toBe(404);
      expect(status, `GET ${url} (${route.file}) signed in`).toBeLessThan(500);
    }

    // The same session token, outside its cookie (where HttpOnly and SameSite protect it), is no session.
    const token = /(?:^|; )(?:__Secure-)?next-auth\.session-token=([^;]+)/.exec(cookie)?.[1];
    expect(token, 'the signed-in context has a session cookie').toBeTruthy();
    for (const route of discovered.routes.filter((r) => r.methods.includes('GET') && !PUBLIC_ROUTES[r.pattern])) {
      expectProtected(
        `GET ${route.url} with the session as a Bearer token`,
        route.url,
        await request('GET', route.url, { Authorization: `Bearer ${token}` }),
      );
    }
  });
});

describe('every discovered route, signed out', () => {
  it('is protected with every method it exports, unless it is on the public list', async () => {
    const checked: string[] = [];
    for (const route of discovered.routes) {
      for (const method of route.methods) {
        const what = `${method} ${route.url} (${route.file})`;
        const answer = await request(method, route.url);
        const publicRoute = PUBLIC_ROUTES[route.pattern];
        if (publicRoute) publicRoute.check(method, answer);
        else expectProtected(what, route.url, answer);
        checked.push(`${what} → ${answer.status}`);
      }
    }
    console.log(`route-crawl, signed out:\n  ${checked.join('\n  ')}`);
    expect(checked.length).toBeGreaterThanOrEqual(5);
  });

  it('is protected with the methods it does not export too (no method slips past the session check)', async () => {
    for (const route of discovered.routes) {
      for (const method of PROBE_METHODS.filter((m) => !route.methods.includes(m))) {
        const what = `${method} ${route.url} (${route.file}, not exported)`;
        const answer = await request(method, route.url);
        if (PUBLIC_ROUTES[route.pattern]) {
          // A public route refuses a method it does not implement (405), or a page renders as for
          // a GET: either way no server error and no figures.
          expect(answer.status, `${what} → ${answer.status}`).toBeLessThan(500);
          expectNoFigures(answer.text);
        } else if (answer.status === 405) {
          // Refused outright (pages answer only GET and HEAD): no session needed to say no.
          expectNoFigures(answer.text);
        } else {
          expectProtected(what, route.url, answer);
        }
      }
    }
  });

  it('gives pages no RSC payload or prefetch either', async () => {
    for (const route of discovered.routes.filter((r) => r.kind === 'page' && !PUBLIC_ROUTES[r.pattern])) {
      const variants: Record<string, string>[] = [
        { RSC: '1' },
        { RSC: '1', 'Next-Router-Prefetch': '1' },
        { RSC: '1', 'Next-Router-Segment-Prefetch': '/_tree' },
      ];
      for (const headers of variants) {
        const url = `${route.url}?range=7d`;
        expectProtected(`GET ${url} ${JSON.stringify(headers)}`, url, await request('GET', url, headers));
      }
    }
  });
});

describe('the public routes', () => {
  it('next-auth: /api/auth/session is {} and /api/auth/csrf holds only a CSRF token', async () => {
    const session = await request('GET', '/api/auth/session');
    expect(session.status).toBe(200);
    expect(JSON.parse(session.text)).toEqual({});

    // A forged or stale session cookie is no session either.
    const forged = await request('GET', '/api/auth/session', { Cookie: 'next-auth.session-token=forged.jwt.value' });
    expect(forged.status).toBe(200);
    expect(JSON.parse(forged.text)).toEqual({});

    const csrf = await request('GET', '/api/auth/csrf');
    expect(csrf.status).toBe(200);
    const body = JSON.parse(csrf.text);
    expect(Object.keys(body)).toEqual(['csrfToken']);
    expect(body.csrfToken).toMatch(/^[0-9a-f]{32,}$/);
  });

  it('next-auth: its other endpoints send a signed-out visitor to /login or answer without data', async () => {
    const providers = await request('GET', '/api/auth/providers');
    expect(providers.status).toBe(200);
    // The sign-in methods and where they post to: nothing else, whichever providers are configured.
    const list = JSON.parse(providers.text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(list)).toContain('credentials');
    for (const provider of Object.values(list)) {
      expect(Object.keys(provider).sort()).toEqual(['callbackUrl', 'id', 'name', 'signinUrl', 'type']);
    }
    expectNoFigures(providers.text);

    for (const action of ['signin', 'error']) {
      const answer = await request('GET', `/api/auth/${action}`);
      expect(REDIRECTS, `GET /api/auth/${action}: ${answer.status}`).toContain(answer.status);
      expect(new URL(answer.headers.get('location') ?? '', appUrl).pathname).toBe('/login');
    }
    for (const action of ['signout', 'signin/credentials', '_log', 'nope']) {
      const answer = await request('GET', `/api/auth/${action}`);
      expect(answer.status, `GET /api/auth/${action}`).toBeLessThan(500);
      expectNoFigures(answer.text);
    }
  });

  it('next-auth: a GET of the credentials callback is refused, not a server error', async () => {
    // Anyone can send this; it must be a 4xx, not a 500.
    const answer = await request('GET', '/api/auth/callback/credentials');
    expect(answer.status, `GET /api/auth/callback/credentials → ${answer.status} ${answer.text.slice(0, 120)}`).toBeLessThan(500);
    expectNoFigures(answer.text);
  });
});

describe('unknown paths, signed out', () => {
  it.each([
    '/nope',
    '/api/nope',
    '/api/stats/nope',
    '/api/health/nope',
    '/api/health.json',
    '/login/nope',
    '/nope.json',
    '/.env',
    '/package.json',
    '/_next/static/nope.js',
    '/icon.svgx',
    '/_next/image?url=%2Fapi%2Fstats%3Frange%3D7d&w=64&q=75',
    '/API/stats?range=7d',
  ])('%s: a redirect to /login, a 401 or a 404, never data', async (urlPath) => {
    const answer = await request('GET', urlPath);
    expect(answer.status, `${urlPath} → ${answer.status}`).not.toBeLessThan(300);
    expect(answer.status, `${urlPath} → ${answer.status}`).toBeLessThan(500);
    if (REDIRECTS.includes(answer.status)) expectProtected(urlPath, urlPath.split('?')[0]!, answer);
    else if (answer.status !== 404) expect([400, 401], `${urlPath} → ${answer.status}`).toContain(answer.status);
    expectNoFigures(answer.text);
  });
});
