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

const SCHEMES = ['light', 'dark'] as const;
const LANGUAGES = [
  { browser: 'en-US', lang: 'en' },
  { browser: 'pt-BR', lang: 'pt-BR' },
] as const;
const CASES = SCHEMES.flatMap((colorScheme) => LANGUAGES.map((language) => ({ colorScheme, ...language })));

describe.each(CASES)('accessibility in the $colorScheme scheme, in $lang', ({ colorScheme, browser: locale, lang }) => {
  it('has no WCAG A/AA violations on the sign-in page', async () => {
    const context = await browser.newContext({ colorScheme, locale });
    const page = await context.newPage();
    await page.goto(`${appUrl}/login`);
    // The page is really in the language under test (lang also tells screen readers how to speak it).
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it.each([
    ['the figures', '/?range=30d', '.kpi-value'],
    ['an invalid range', '/?start_date=2026-03-10&end_date=2026-03-01', '[role=alert]'],
    ['an upstream error', '/?range=7d', '[role=alert]'],
    ['the empty state', '/?start_date=2023-01-01&end_date=2023-01-31', '#empty-title'],
  ])('has no WCAG A/AA violations showing %s', async (name, path, ready) => {
    if (name === 'an upstream error') await setFault(simulatorOrigin, { mode: 'server-error' });
    const signedIn = await signedInContext(browser, appUrl, { locale });
    const page = await signedIn.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`${appUrl}${path}`);
    await page.locator(ready).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await violations(page)).toEqual([]);
    await signedIn.close();
  });
});
