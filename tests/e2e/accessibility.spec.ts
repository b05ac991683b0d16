import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInContext } from './support/browser';
import { violations } from './support/axe';
import { resetSimulator, setFault } from './support/simulator-control';

/** axe-core's WCAG 2 A/AA rules on every state of every page, in light and dark colour schemes. */
const { appUrl, simulatorOrigin } = inject('e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
afterEach(() => resetSimulator(simulatorOrigin));

describe.each(['light', 'dark'] as const)('accessibility in the %s scheme', (colorScheme) => {
  it('has no WCAG A/AA violations on the sign-in page', async () => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(`${appUrl}/login`);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it.each([
    ['the figures', '/?range=30d', '.kpi-value'],
    ['an invalid range', '/?start_date=2026-03-10&end_date=2026-03-01', '[role=alert]'],
    ['an upstream error', '/?range=7d', '[role=alert]'],
    ['the empty state', '/?start_date=2023-01-01&end_date=2023-01-31', 'text=No callbacks in this period'],
  ])('has no WCAG A/AA violations showing %s', async (name, path, ready) => {
    if (name === 'an upstream error') await setFault(simulatorOrigin, { mode: 'server-error' });
    const signedIn = await signedInContext(browser, appUrl);
    const page = await signedIn.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`${appUrl}${path}`);
    await page.locator(ready).first().waitFor();
    expect(await violations(page)).toEqual([]);
    await signedIn.close();
  });
});
