import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { violations } from './support/axe';
import { launchBrowser, signedInContext } from './support/browser';

/** "Email me a summary" on the dashboard: subscribe, list, unsubscribe, axe-clean in both schemes. */
const { appUrl } = inject('e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('email summaries', () => {
  it.each(['light', 'dark'] as const)('subscribe, list and unsubscribe, with no WCAG A/AA violations (%s)', async (colorScheme) => {
    const context = await signedInContext(browser, appUrl, { locale: 'en-US' });
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`${appUrl}/?range=7d`);
    await page.locator('#digests-heading').waitFor();
    await page.getByLabel('How often').selectOption('monthly');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    const row = page.locator('.digest-table tbody tr', { hasText: 'Monthly' });
    await row.waitFor();
    expect(await row.textContent()).toContain('None yet');
    expect(await violations(page)).toEqual([]);

    // Subscribing twice to the same cadence is refused in words.
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.getByText('You already have a monthly email summary.').waitFor();

    await page.getByRole('button', { name: 'Unsubscribe: Monthly' }).click();
    await page.getByText('You have no email summaries.').waitFor();
    await context.close();
  });

  it.each(['light', 'dark'] as const)('says plainly that an altered unsubscribe link changed nothing, signed out (%s)', async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, locale: 'en-US' });
    const page = await context.newPage();
    const response = await page.goto(`${appUrl}/digests/unsubscribe?token=not-a-real-token.abc`);
    expect(response?.status()).toBe(200);
    await page.getByText('This unsubscribe link is not valid or was already used. Nothing was changed.').waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('has no demo outbox outside the demo', async () => {
    const context = await signedInContext(browser, appUrl);
    const page = await context.newPage();
    const response = await page.goto(`${appUrl}/demo/mail`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
