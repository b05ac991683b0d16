import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CATALOGS } from '../../../i18n/catalogs';
import { parseAppLocale } from '../../../i18n/locales';
import { E2E } from './context';

/** Debian's Chromium (the suite never downloads a browser), with the flags this sandbox needs. */
export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Signs in on the login page, in whichever language the page is in (its words come from the catalogs). */
export async function signIn(page: Page, email: string = E2E.email, password: string = E2E.password): Promise<void> {
  const words = CATALOGS[parseAppLocale(await page.locator('html').getAttribute('lang')) ?? 'en'].Login;
  await page.getByLabel(words.email).fill(email);
  await page.getByLabel(words.password).fill(password);
  await page.getByRole('button', { name: words.submit, exact: true }).click();
}

/** A fresh, signed-in browser context on the dashboard (an English browser unless `options` say otherwise). */
export async function signedInContext(browser: Browser, appUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  await page.goto(`${appUrl}/login`);
  await signIn(page);
  await page.waitForURL(`${appUrl}/`);
  await page.close();
  return context;
}
