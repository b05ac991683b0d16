import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOGS } from '../../i18n/catalogs';
import type { AppLocale } from '../../i18n/locales';
import { launchBrowser, signedInContext, signIn } from './support/browser';
import { foreignCatalogWords, foreignWords, readableText } from './support/catalog-words';
import { resetSimulator, setFault } from './support/simulator-control';

/**
 * The dashboard in each of its languages, as a new viewer whose browser asks for it meets it:
 * every screen in that language only (checked against the other catalog's words), <html lang>
 * matching, numbers in its format; and the language menu, with and without JavaScript.
 */
const { appUrl, simulatorOrigin } = inject('e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
afterEach(() => resetSimulator(simulatorOrigin));

async function expectOnlyIn(page: Page, locale: AppLocale, screen: string): Promise<void> {
  expect(await page.locator('html').getAttribute('lang'), `${screen}: <html lang>`).toBe(locale);
  expect(foreignWords(await readableText(page), foreignCatalogWords(locale)), `${screen}: words in the other language`).toEqual([]);
}

const LANGUAGES = [
  // Each asks for a one-day range no other spec asks for, so the upstream fault is what it meets.
  {
    locale: 'pt-BR',
    browserLocale: 'pt-BR',
    faultDay: '2024-06-03',
    numbers: 'pt-BR',
    trend: {
      heading: 'Recebidos e atendidos por semana',
      caption: /^em relação a 22 de dez\. de 2025\s–\s4 de jan\. de 2026 \(os 14 dias anteriores\)$/,
      spoken: /^(alta de|queda de|sem variação em relação a|novo:) /,
    },
    csv: {
      separator: ';',
      title: 'Estatísticas de callbacks',
      header: 'Indicador;Este período;Período anterior;Variação;Unidade da variação',
      rate: /^Taxa de atendimento \(%\);\d+(,\d+)?;\d+(,\d+)?;/,
    },
  },
  {
    locale: 'en',
    browserLocale: 'en-US',
    faultDay: '2024-06-05',
    numbers: 'en',
    trend: {
      heading: 'Received and answered per week',
      caption: /^vs Dec 22, 2025\s–\sJan 4, 2026 \(the previous 14 days\)$/,
      spoken: /^(up|down|no change from|new:) /,
    },
    csv: {
      separator: ',',
      title: 'Callback stats',
      header: 'Figure,This period,Earlier period,Change,Change unit',
      rate: /^Answer rate \(%\),\d+(\.\d+)?,\d+(\.\d+)?,/,
    },
  },
] as const;

describe.each(LANGUAGES)('a new viewer whose browser asks for $browserLocale', ({ locale, browserLocale, faultDay, numbers, trend, csv }) => {
  const t = CATALOGS[locale];
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ locale: browserLocale });
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('signs in on a sign-in page in that language only', async () => {
    await page.goto(`${appUrl}/?start_date=2026-01-05&end_date=2026-01-18`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('heading', { name: t.Login.heading }).waitFor();
    await expectOnlyIn(page, locale, 'sign-in page');
    await signIn(page);
    await page.waitForURL((url) => url.pathname === '/' && url.search.includes('start_date=2026-01-05'));
  });

  it('sees the figures in that language, with numbers in its format', async () => {
    await page.locator('.kpi-value').first().waitFor();
    await page.getByRole('heading', { name: t.StatsPage.title, exact: true }).waitFor();
    const api = await (await context.request.get(`${appUrl}/api/stats?start_date=2026-01-05&end_date=2026-01-18`)).json();
    const received = page.locator('.kpi', { has: page.locator('dt', { hasText: t.Kpi.received }) }).locator('.kpi-value');
    expect(await received.textContent()).toBe(new Intl.NumberFormat(numbers).format(api.totals.received));
    const rate = page.locator('.kpi', { has: page.locator('dt', { hasText: t.Kpi.answerRate }) }).locator('.kpi-value');
    expect(await rate.textContent()).toMatch(locale === 'pt-BR' ? /^\d+,\d%$/ : /^\d+\.\d%$/);
    await expectOnlyIn(page, locale, 'the stats page');
  });

  it('sees the comparison, the trend and its table in that language, and downloads the CSV in it', async () => {
    await page.goto(`${appUrl}/?start_date=2026-01-05&end_date=2026-01-18&interval=week`);
    expect(await page.locator('.comparison-caption').textContent()).toMatch(trend.caption);
    const spoken = await page.locator('.kpis .kpi-change .visually-hidden').allTextContents();
    expect(spoken).toHaveLength(6);
    for (const words of spoken) expect(words).toMatch(trend.spoken);
    await page.getByRole('heading', { name: trend.heading }).waitFor();
    await page.getByText(t.Trend.tableSummary).click();
    const headers = await page.locator('.trend-table thead th').allTextContents();
    expect(headers).toEqual([t.Trend.period, t.Trend.received, t.Trend.answered, t.Trend.answerRate, t.Trend.note]);
    await page.locator('.source-trend-table').waitFor();
    await expectOnlyIn(page, locale, 'the comparison and trend');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t.ViewControls.download }).click()]);
    const lines = (await readFile((await download.path())!))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe(csv.title);
    expect(lines).toContain(csv.header);
    expect(lines.some((line) => csv.rate.test(line))).toBe(true);
    expect(lines).toContain(`${t.Export.periodStart}${csv.separator}2026-01-05`);
  });

  it('reads why an invalid range cannot be shown in that language', async () => {
    await page.goto(`${appUrl}/?start_date=2026-03-10&end_date=2026-03-01`);
    const alert = page.getByRole('main').getByRole('alert');
    await alert.getByRole('heading', { name: t.InvalidRange.title }).waitFor();
    if (locale === 'pt-BR')
      expect(await alert.textContent()).toContain('A data inicial (10 de mar. de 2026) é posterior à data final (1 de mar. de 2026).');
    await expectOnlyIn(page, locale, 'an invalid range');
  });

  it('reads why a view cannot be shown, and follows its link to the period with the defaults', async () => {
    await page.goto(`${appUrl}/?range=30d&interval=fortnightly`);
    const alert = page.getByRole('main').getByRole('alert');
    await alert.getByRole('heading', { name: t.InvalidRange.viewTitle }).waitFor();
    await expectOnlyIn(page, locale, 'an invalid view');
    await alert.getByRole('link').click();
    await page.waitForURL(`${appUrl}/?range=30d`);
    await page.locator('.kpi-value').first().waitFor();
  });

  it('reads an upstream failure in that language', async () => {
    await setFault(simulatorOrigin, { mode: 'server-error' });
    await page.goto(`${appUrl}/?start_date=${faultDay}&end_date=${faultDay}`);
    await page.getByRole('main').getByRole('alert').getByRole('heading', { name: t.Errors.titles.upstream_unavailable }).waitFor();
    await expectOnlyIn(page, locale, 'an upstream error');
  });

  it('reads the empty state in that language', async () => {
    // The simulated environment has no callbacks before it went live (see simulator/data.ts).
    await page.goto(`${appUrl}/?start_date=2023-01-01&end_date=2023-01-31`);
    await page.getByRole('heading', { name: t.EmptyState.title }).waitFor();
    await expectOnlyIn(page, locale, 'the empty state');
  });

  it('meets the 404 page in that language', async () => {
    await page.goto(`${appUrl}/nope`);
    await page.getByRole('heading', { name: t.NotFound.title }).waitFor();
    await expectOnlyIn(page, locale, 'the 404 page');
  });
});

describe('the language menu', () => {
  it('switches a Portuguese browser to English, which lasts across reloads and sign-out/sign-in', async () => {
    const context = await signedInContext(browser, appUrl, { locale: 'pt-BR' });
    const page = await context.newPage();
    await page.goto(`${appUrl}/?range=7d`);
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    await page.getByRole('button', { name: 'English' }).click();
    // Back on the same view (the range is the URL's, the language the viewer's own).
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(new URL(page.url()).search).toBe('?range=7d');
    await page.getByRole('link', { name: CATALOGS.en.Presets['7d'] }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-current')).toBe('true');

    await page.reload();
    await expectOnlyIn(page, 'en', 'after a reload');

    await page.getByRole('button', { name: CATALOGS.en.Header.signOut }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('heading', { name: CATALOGS.en.Login.heading }).waitFor();
    await expectOnlyIn(page, 'en', 'the sign-in page after signing out');
    await signIn(page);
    await page.waitForURL(`${appUrl}/`);
    await page.locator('.kpi-value').first().waitFor();
    await expectOnlyIn(page, 'en', 'the stats page after signing in again');
    await context.close();
  });

  it('works without JavaScript, signed out and signed in, and keeps the URL', async () => {
    // A signed-in session to carry into a browser without JavaScript (sign-in itself needs it).
    const signedIn = await signedInContext(browser, appUrl);
    const storageState = await signedIn.storageState();
    await signedIn.close();

    const signedOut = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
    const loginPage = await signedOut.newPage();
    await loginPage.goto(`${appUrl}/login?callbackUrl=%2F%3Frange%3D90d`);
    await loginPage.getByRole('button', { name: 'Português (Brasil)' }).click();
    await loginPage.getByRole('heading', { name: CATALOGS['pt-BR'].Login.heading }).waitFor();
    expect(new URL(loginPage.url()).search).toBe('?callbackUrl=%2F%3Frange%3D90d');
    await expectOnlyIn(loginPage, 'pt-BR', 'the sign-in page without JavaScript');
    await signedOut.close();

    const noScript = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false, storageState });
    const page = await noScript.newPage();
    await page.goto(`${appUrl}/?range=90d`);
    await page.getByRole('button', { name: 'Português (Brasil)' }).click();
    await page.getByRole('link', { name: CATALOGS['pt-BR'].Presets['90d'] }).waitFor();
    expect(new URL(page.url()).search).toBe('?range=90d');
    expect(await page.getByRole('link', { name: CATALOGS['pt-BR'].Presets['90d'] }).getAttribute('aria-current')).toBe('true');
    await expectOnlyIn(page, 'pt-BR', 'the stats page without JavaScript');
    const cookie = (await noScript.cookies(appUrl)).find(({ name }) => name === 'NEXT_LOCALE');
    expect(cookie).toMatchObject({ value: 'pt-BR', path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(364 * 86_400);
    await noScript.close();
  });
});
