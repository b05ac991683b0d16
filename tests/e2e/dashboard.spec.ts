import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, todayIn } from '../../lib/date-range';
import { launchBrowser, signedInContext } from './support/browser';
import { E2E } from './support/context';
import { resetSimulator, setFault } from './support/simulator-control';

const { appUrl, simulatorOrigin } = inject('e2e');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await signedInContext(browser, appUrl);
  page = await context.newPage();
});
afterAll(() => browser?.close());
afterEach(() => resetSimulator(simulatorOrigin));

function kpi(label: string) {
  return page.locator('.kpi', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('.kpi-value');
}

describe('the stats page', () => {
  it('shows the same figures as /api/stats for the range in the URL', async () => {
    await page.goto(`${appUrl}/?start_date=2026-01-05&end_date=2026-01-18`);
    const api = await (await context.request.get(`${appUrl}/api/stats?start_date=2026-01-05&end_date=2026-01-18`)).json();
    expect(await kpi('Received').textContent()).toBe(api.totals.received.toLocaleString('en-US'));
    expect(await kpi('Answered').textContent()).toBe(api.totals.answered.toLocaleString('en-US'));
    expect(await kpi('Answer rate').textContent()).toBe(`${(api.rates.answer_rate * 100).toFixed(1)}%`);
    expect(await kpi('Unmatched').textContent()).toBe(String(api.totals.unmatched));
    expect(await kpi('Not answered').textContent()).toBe(String(api.totals.not_answered));
    const rows = await page.locator('.source-table tbody th[scope=row]').allTextContents();
    expect(rows.slice(0, api.sources.length)).toEqual(api.sources.map((source: { name: string }) => source.name));
    if (api.attribution.unattributed > 0) expect(rows.at(-1)).toBe('Unattributed');
    // Chart.js arrives after the page is interactive: wait for its canvas to be drawn.
    await page.locator('.chart canvas').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('.chart canvas').count()).toBe(1);
    await expect(page.getByText(/Dates are in/).textContent()).resolves.toContain(E2E.timeZone);
  });

  it('keeps presets relative in the URL and marks the active one', async () => {
    await page.goto(`${appUrl}/`);
    await page.getByRole('link', { name: 'Last 7 days' }).click();
    await page.waitForURL(`${appUrl}/?range=7d`);
    await expect(page.getByRole('link', { name: 'Last 7 days' }).getAttribute('aria-current')).resolves.toBe('true');
    // Metadata streams after the page shell, so wait for the title rather than read it at once.
    await page.waitForFunction(() => document.title === 'Last 7 days · Callback Stats', undefined, { timeout: 5_000 });
    const today = todayIn(E2E.timeZone, new Date());
    await page.locator('.range-caption', { hasText: '7 days' }).waitFor();
    await expect(page.getByLabel('From').inputValue()).resolves.toBe(addDays(today, -6));
    await expect(page.getByLabel('To').inputValue()).resolves.toBe(today);
  });

  it('puts the dates of the form in the URL', async () => {
    await page.goto(`${appUrl}/?range=30d`);
    await page.getByLabel('From').fill('2026-02-01');
    await page.getByLabel('To').fill('2026-02-28');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(`${appUrl}/?start_date=2026-02-01&end_date=2026-02-28`);
    await page.locator('.range-caption', { hasText: '28 days' }).waitFor();
  });

  it('submits the date form without JavaScript too', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const plain = await noScript.newPage();
    await plain.goto(`${appUrl}/?range=30d`);
    await plain.getByLabel('From').fill('2026-02-01');
    await plain.getByLabel('To').fill('2026-02-10');
    await plain.getByRole('button', { name: 'Apply' }).click();
    await plain.waitForURL(`${appUrl}/?start_date=2026-02-01&end_date=2026-02-10`);
    await plain.locator('.range-caption', { hasText: '10 days' }).waitFor();
    await noScript.close();
  });

  it('explains bad parameters inline, with the form still there to fix them', async () => {
    const response = await page.goto(`${appUrl}/?start_date=2026-03-10&end_date=2026-03-01`);
    expect(response?.status()).toBe(200);
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('The start date (Mar 10, 2026) is after the end date (Mar 1, 2026).');
    await expect(page.getByLabel('From').inputValue()).resolves.toBe('2026-03-10');

    await page.goto(`${appUrl}/?range=fortnight`);
    await expect(page.getByRole('main').getByRole('alert').textContent()).resolves.toContain('Unknown range "fortnight"');
    await page.goto(`${appUrl}/?start_date=2026-02-30&end_date=2026-03-01`);
    await expect(page.getByRole('main').getByRole('alert').textContent()).resolves.toContain('not a real date');
  });

  it('copies a link that reproduces the view', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl });
    await page.goto(`${appUrl}/?range=mtd`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Link copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${appUrl}/?range=mtd`);
  });

  it('shows source names typed by Talkover users as text, never as markup', async () => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await setFault(simulatorOrigin, { mode: 'hostile-names' });
    // A range nothing else asks for, so the figures come from the faulty simulator, not the cache.
    await page.goto(`${appUrl}/?start_date=2025-03-01&end_date=2025-03-31`);
    const sources = page.locator('.source-table');
    await sources.getByRole('rowheader', { name: '<script>alert(1)</script>' }).waitFor();
    await sources.getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' }).waitFor();
    expect(await page.locator(':is(.source-table, .trend) :is(img, script, b)').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
  });

  it('shows skeletons while Talkover is slow, then the figures', async () => {
    await setFault(simulatorOrigin, { mode: 'latency', ms: 1_200 });
    await page.goto(`${appUrl}/?range=90d`, { waitUntil: 'commit' });
    await page.getByRole('status').filter({ hasText: 'Loading callback stats' }).waitFor();
    // The range form is usable before the figures arrive.
    await page.getByRole('button', { name: 'Apply' }).waitFor();
    await kpi('Received').waitFor();
    expect(await page.getByText('Loading callback stats').count()).toBe(0);
  });

  it('shows an empty state for a range without callbacks', async () => {
    // The simulated environment has no callbacks before it went live (see simulator/data.ts).
    await page.goto(`${appUrl}/?start_date=2023-01-01&end_date=2023-01-31`);
    await page.getByRole('heading', { name: 'No callbacks in this period' }).waitFor();
  });
});

describe('when Talkover fails', () => {
  // Each case asks for a range no other test asks for: the app caches figures, and a cached
  // (or stale) range would show figures instead of the error under test.
  it.each([
    [{ mode: 'unauthorized' }, '2025-02-01', 'Talkover rejected the API token', /TALKOVER_API_TOKEN/],
    [{ mode: 'server-error' }, '2025-02-03', 'Talkover is unavailable', /Try again in a few minutes/],
    [{ mode: 'hang' }, '2025-02-05', 'Talkover did not answer in time', /did not answer in time/],
    [{ mode: 'html' }, '2025-02-07', "Talkover's answer could not be read", /cannot read/],
    // Last: a 429 pauses every Talkover call for its Retry-After (kept short here).
    [{ mode: 'rate-limited', retryAfterSeconds: 2 }, '2025-02-09', "Talkover's rate limit was reached", /Try again in 2 seconds/],
  ] as const)('shows %o as a clear error state with a way to retry', async (fault, day, title, detail) => {
    await setFault(simulatorOrigin, fault);
    const response = await page.goto(`${appUrl}/?start_date=${day}&end_date=${day}`);
    expect(response?.status()).toBe(200);
    const alert = page.getByRole('main').getByRole('alert');
    await alert.getByRole('heading', { name: title }).waitFor();
    await expect(alert.textContent()).resolves.toMatch(detail);
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    // The form is still there to pick another range.
    await page.getByRole('button', { name: 'Apply' }).waitFor();
    if (fault.mode === 'rate-limited') await page.waitForTimeout(2_100);
  });

  it('recovers on "Try again" once Talkover answers', async () => {
    // Two calls: the day's figures and the day before's for the comparison (the trend's one
    // bucket is the day itself, so it shares the first call). Both fail once.
    await setFault(simulatorOrigin, { mode: 'server-error', times: 2 });
    await page.goto(`${appUrl}/?start_date=2025-02-11&end_date=2025-02-11`);
    await page.getByRole('heading', { name: 'Talkover is unavailable' }).waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await kpi('Received').waitFor();
  });

  it('shows the last good figures, marked stale, when a refresh fails', async () => {
    // Ranges that include today are cached for TALKOVER_CACHE_TTL_SECONDS (1 s in this suite).
    await page.goto(`${appUrl}/?range=yesterday`);
    await page.goto(`${appUrl}/?range=today`);
    await kpi('Received').waitFor();
    const fresh = await kpi('Received').textContent();
    await page.waitForTimeout(1_200);
    await setFault(simulatorOrigin, { mode: 'server-error' });
    await page.goto(`${appUrl}/?range=today`);
    await page
      .getByRole('status')
      .filter({ hasText: /Talkover is unavailable — showing data from \d{2}:\d{2}/ })
      .waitFor();
    expect(await kpi('Received').textContent()).toBe(fresh);
  });
});
