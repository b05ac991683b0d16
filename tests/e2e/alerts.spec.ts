import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOGS } from '../../i18n/catalogs';
import { violations } from './support/axe';
import { launchBrowser, signedInContext } from './support/browser';

/**
 * The Alerts pages in a real browser: the forms work with JavaScript off, the webhook secret is
 * shown once, and every page is axe-clean in both languages and schemes and fits a phone.
 */
const { appUrl } = inject('e2e');
const en = CATALOGS.en.Alerts;
let browser: Browser;
let signedIn: BrowserContext;
let noScript: BrowserContext;
let ruleUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
  signedIn = await signedInContext(browser, appUrl);
  noScript = await browser.newContext({ locale: 'en-US', storageState: await signedIn.storageState(), javaScriptEnabled: false });
});
afterAll(async () => {
  await noScript?.close();
  await signedIn?.close();
  await browser?.close();
});

describe('alert rules without JavaScript', () => {
  it('the header links to the Alerts page', async () => {
    const page = await noScript.newPage();
    await page.goto(`${appUrl}/`);
    await page.getByRole('link', { name: en.navLink, exact: true }).click();
    await page.waitForURL(`${appUrl}/alerts`);
    expect(await page.locator('h1').textContent()).toBe(en.title);
    await page.close();
  });

  it('a refused field comes back to the form, named, with what was typed', async () => {
    const page = await noScript.newPage();
    await page.goto(`${appUrl}/alerts/new`);
    await page.getByLabel(en.field.name).fill('Callbacks stopped');
    await page.getByRole('button', { name: en.save }).click();
    await page.waitForURL(/\/alerts\/new\?/);
    expect(await page.getByRole('alert').textContent()).toBe(en.invalid.replace('{field}', en.field.emails));
    expect(await page.getByLabel(en.field.name).inputValue()).toBe('Callbacks stopped');
    await page.close();
  });

  it('creates a rule, shows its webhook secret once, and records who did it', async () => {
    const page = await noScript.newPage();
    await page.goto(`${appUrl}/alerts/new`);
    await page.getByLabel(en.field.name).fill('Callbacks stopped');
    await page.getByLabel(en.field.after).fill('11:00');
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await page.getByLabel(day, { exact: true }).check();
    await page.getByLabel(en.field.emails).fill('team@example.com');
    // A literal public address: accepted without a DNS lookup (nothing is sent in this test).
    await page.getByLabel(en.field.webhook).fill('https://93.184.216.34/hooks/callbacks');
    await page.getByRole('button', { name: en.save }).click();
    await page.waitForURL(/\/alerts\/[0-9a-f-]{36}\?done=saved$/);
    ruleUrl = page.url().replace(/\?.*$/, '');
    expect(await page.locator('code.secret').textContent()).toMatch(/^whsec_[0-9a-f]{64}$/);
    await page.goto(ruleUrl);
    expect(await page.locator('code.secret').count()).toBe(0);
    await page.getByRole('button', { name: en.pause }).click();
    await page.waitForURL(ruleUrl);
    const history = await page.locator('.alerts-table').last().textContent();
    expect(history).toContain('Paused by');
    expect(history).toContain('Created by');
    await page.close();
  });
});

describe.each([
  { colorScheme: 'light' as const, locale: 'en-US' },
  { colorScheme: 'dark' as const, locale: 'pt-BR' },
])('the Alerts pages in the $colorScheme scheme ($locale)', ({ colorScheme, locale }) => {
  it.each(['/alerts', '/alerts/new', 'rule'])('%s is axe-clean and fits a phone', async (path) => {
    const context = await browser.newContext({
      locale,
      colorScheme,
      storageState: await signedIn.storageState(),
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await page.goto(path === 'rule' ? ruleUrl : `${appUrl}${path}`);
    await page.locator('h1').waitFor();
    expect(await violations(page)).toEqual([]);
    // The page's own content fits the phone's width (a wide table scrolls inside its box).
    expect(await page.evaluate(() => Math.ceil(document.querySelector('main .alerts')!.getBoundingClientRect().right))).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.querySelector('main .alerts')!.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

describe('an answer-rate rule on the stats page', () => {
  it('is named under the trend chart, with its threshold, linking to the rule, and axe-clean', async () => {
    const created = await signedIn.request.post(`${appUrl}/api/alerts`, {
      headers: { Origin: appUrl },
      data: {
        name: 'Answer rate floor',
        metric: 'answer_rate',
        window: 'today',
        comparator: 'below',
        threshold: 0.8,
        emails: ['team@example.com'],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    try {
      const page = await signedIn.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${appUrl}/?range=30d`);
      const note = page.locator('.alert-lines');
      await note.waitFor();
      // The chart draws with the dashed line (it loads after the page is interactive).
      await page.locator('.trend-chart canvas').waitFor();
      expect(errors).toEqual([]);
      expect(await note.textContent()).toContain('Answer rate floor below 80.0%');
      expect(await note.getByRole('link', { name: 'Answer rate floor' }).getAttribute('href')).toBe(`/alerts/${id}`);
      expect(await violations(page)).toEqual([]);
      await page.close();
    } finally {
      // Other specs read this dashboard: leave it as it was.
      expect((await signedIn.request.delete(`${appUrl}/api/alerts/${id}`, { headers: { Origin: appUrl } })).status()).toBe(204);
    }
  });
});
