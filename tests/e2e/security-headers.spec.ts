import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInOverHttp } from '../../scripts/lib/sign-in';
import { launchBrowser, signIn } from './support/browser';
import { E2E } from './support/context';

/**
 * The security headers of the running app (plain http, as in the rest of the suite), and the
 * dashboard working in Chromium under its Content-Security-Policy.
 */
const { appUrl } = inject('e2e');
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  browser = await launchBrowser();
  cookie = await signInOverHttp(appUrl, E2E.email, E2E.password);
});
afterAll(() => browser?.close());

const STATIC_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-frame-options': 'DENY',
};

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${appUrl}${path}`, { redirect: 'manual', headers });
}
const signedIn = (path: string, headers: Record<string, string> = {}) => get(path, { Cookie: cookie, ...headers });

function nonceOf(response: Response): string {
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  if (!nonce) throw new Error(`no nonce in the CSP of ${response.url}`);
  return nonce;
}

function expectStaticHeaders(response: Response) {
  for (const [name, value] of Object.entries(STATIC_HEADERS)) expect(response.headers.get(name), name).toBe(value);
  // Served over plain http: HSTS there would be wrong (and ignored by browsers).
  expect(response.headers.get('strict-transport-security')).toBeNull();
}

function expectPolicy(response: Response) {
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toMatch(/(^|; )script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("form-action 'self'");
  expect(policy).not.toContain('unsafe-eval'); // a production build
  expect(policy).not.toContain('upgrade-insecure-requests'); // plain http
}

function expectNoStore(response: Response) {
  const cacheControl = response.headers.get('cache-control') ?? '';
  expect(cacheControl).toContain('private');
  expect(cacheControl).toContain('no-store');
}

describe('headers', () => {
  it('are all on the signed-in dashboard, which no cache may store', async () => {
    const response = await signedIn('/?range=7d');
    expect(response.status).toBe(200);
    expectStaticHeaders(response);
    expectPolicy(response);
    expectNoStore(response);
    // Pages carry no Server-Timing: their headers leave before the figures are known.
    expect(response.headers.get('server-timing')).toBeNull();
  });

  it('are all on /login, signed out', async () => {
    const response = await get('/login');
    expect(response.status).toBe(200);
    expectStaticHeaders(response);
    expectPolicy(response);
    expectNoStore(response);
  });

  it('are on the signed-out redirect and the 401 JSON, which still work as before', async () => {
    const redirect = await get('/?range=90d');
    expect(redirect.status).toBe(307);
    const location = new URL(redirect.headers.get('location') ?? '', appUrl);
    expect(`${location.pathname}${location.search}`).toBe('/login?callbackUrl=%2F%3Frange%3D90d');
    expectStaticHeaders(redirect);
    expectPolicy(redirect);

    const unauthorized = await get('/api/stats?range=7d');
    expect(unauthorized.status).toBe(401);
    expectStaticHeaders(unauthorized);
    expectNoStore(unauthorized);
  });

  it('are on /api/stats signed in and on /api/health', async () => {
    const stats = await signedIn('/api/stats?range=7d');
    expect(stats.status).toBe(200);
    expectStaticHeaders(stats);
    expectNoStore(stats);
    expect(stats.headers.get('server-timing')).toMatch(/upstream/); // the route's own, kept

    // JSON runs no script: its policy has no nonce (and lets nothing run), framing stays refused.
    expect(stats.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(stats.headers.get('content-security-policy')).not.toContain('nonce-');
    const health = await get('/api/health');
    expect(health.status).toBe(200);
    expectStaticHeaders(health);
    expect(health.headers.get('cache-control')).toContain('no-store');
    // The health check skips the proxy (its matcher); next.config.mjs gives it the fixed policy.
    expect(health.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("keep next-auth's routes out of shared caches, including one that sends no Cache-Control itself", async () => {
    for (const path of ['/api/auth/providers', '/api/auth/csrf', '/api/auth/session']) {
      const response = await signedIn(path);
      expect(response.status, path).toBe(200);
      expectStaticHeaders(response);
      expectNoStore(response);
    }
  });

  it('are on static chunks too, which the proxy never sees', async () => {
    const html = await (await get('/login')).text();
    const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(chunk).toBeDefined();
    const response = await get(chunk!);
    expect(response.status).toBe(200);
    expectStaticHeaders(response);
    expect(response.headers.get('cache-control')).toContain('immutable');
    // A file, not a page: the fixed policy of the paths the proxy skips (next.config.mjs).
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it.each(['/favicon.ico', '/robots.txt', '/icon.svg', '/_next/static/chunks/missing.js'])(
    'are on %s, which the proxy skips, a 404 among them',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(path.includes('missing') ? 404 : 200);
      expectStaticHeaders(response);
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    },
  );

  it('add HSTS and upgrade-insecure-requests only behind a TLS terminator that says https', async () => {
    const response = await get('/login', { 'X-Forwarded-Proto': 'https' });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers.get('content-security-policy')).toMatch(/; upgrade-insecure-requests$/);
  });
});

describe('the CSP nonce', () => {
  it('is fresh per request and on every <script> Next renders', async () => {
    for (const request of [() => get('/login'), () => signedIn('/?range=7d')]) {
      const [first, second] = [await request(), await request()];
      expect(nonceOf(first)).not.toBe(nonceOf(second));
      for (const response of [first, second]) {
        const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(` nonce="${nonceOf(response)}"`);
      }
    }
  });

  it('is on the 404 page too (rendered per request, not prerendered without one)', async () => {
    const response = await signedIn('/no-such-page');
    expect(response.status).toBe(404);
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(` nonce="${nonceOf(response)}"`);
  });
});

describe('the dashboard under its policy, in Chromium', () => {
  /** Chromium reports every blocked script, style, image, fetch or form as "Refused to …". */
  const isViolation = (message: ConsoleMessage) => /Refused to|Content Security Policy/i.test(message.text());

  it('signs in, draws the chart, copies the link, applies dates and signs out with no violation', async () => {
    const context = await browser.newContext({ locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (isViolation(message)) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`uncaught: ${error.message}`));

    await page.goto(`${appUrl}/?range=7d`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await signIn(page);
    await page.waitForURL(`${appUrl}/?range=7d`);

    // Chart.js comes in a chunk loaded after hydration ('strict-dynamic'): it must draw.
    const canvas = page.locator('.chart canvas');
    await canvas.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction(() => {
      const element = document.querySelector<HTMLCanvasElement>('.chart canvas');
      const pixels = element?.getContext('2d')?.getImageData(0, 0, element.width, element.height).data ?? [];
      return Array.prototype.some.call(pixels, (value: number, index: number) => index % 4 === 3 && value > 0);
    });

    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Link copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${appUrl}/?range=7d`);

    await page.getByLabel('From').fill('2026-02-01');
    await page.getByLabel('To').fill('2026-02-28');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(`${appUrl}/?start_date=2026-02-01&end_date=2026-02-28`);
    await page.locator('.range-caption', { hasText: '28 days' }).waitFor();
    await canvas.waitFor({ state: 'visible', timeout: 10_000 });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`${appUrl}/?range=7d`);
    expect(new URL(page.url()).pathname).toBe('/login');

    expect(violations).toEqual([]);
    await context.close();
  });

  it('blocks an injected inline handler, and Chromium reports it (the check above can fail)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (isViolation(message)) violations.push(message.text());
    });
    await page.goto(`${appUrl}/login`);
    await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.__injected = true">';
      document.body.append(holder);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    await context.close();
  });
});
