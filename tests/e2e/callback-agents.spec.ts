import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { violations } from './support/axe';
import { launchBrowser, signedInContext } from './support/browser';

/**
 * The callback agents page in Chromium: both languages, light and dark, a phone's width; the
 * flags in words, the agent page and its 404s, and the stats page's "handled by" links. (A failing
 * agents list is tested in tests/integration/callback-agents.test.ts: here the list is cached.)
 */
const { appUrl } = inject('e2e');
// A range no other spec asks for: another one's faults (hostile names) cannot be in its cached figures.
const RANGE = 'start_date=2024-09-01&end_date=2024-09-30';
const VENDAS_AGENT = '6f1c2a4e-8b3d-4f7a-9c21-5e0d7b3a9f11';
const CENTRAL = '0b7e9d52-3c4a-4e18-b6f0-2a9c8d1e7b34';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const CASES = [
  {
    locale: 'en-US',
    colorScheme: 'light',
    heading: 'Callback agents',
    health: 'Routing health',
    twice: 'is listed by more than one callback agent',
  },
  {
    locale: 'pt-BR',
    colorScheme: 'dark',
    heading: 'Agentes de retorno',
    health: 'Saúde do roteamento',
    twice: 'está listado por mais de um agente de retorno',
  },
] as const;

describe.each(CASES)('the page in $locale, $colorScheme, at 390 px', ({ locale, colorScheme, heading, health, twice }) => {
  it('shows each agent with its sources, the routing flags in words, and is axe-clean without widening the page', async () => {
    const context = await signedInContext(browser, appUrl, { locale, colorScheme, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${appUrl}/callback-agents?${RANGE}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByRole('heading', { name: health }).waitFor();
    expect(await page.locator('.agent-card').count()).toBe(3);
    const flags = await page.locator('[data-flag]').evaluateAll((items) => items.map((item) => item.getAttribute('data-flag')));
    expect(new Set(flags)).toEqual(
      new Set(['agent_not_published', 'source_without_callbacks', 'source_not_routed', 'source_routed_twice', 'outbound_not_routed']),
    );
    expect(await page.locator('[data-flag="source_routed_twice"]').textContent()).toContain(twice);
    expect(await violations(page)).toEqual([]);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((element) => !element.parentElement?.closest('.table-scroll') && element.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
    // Nothing sticks out of the page (named, so a failure says where to look).
    expect(wide).toEqual([]);
    await context.close();
  });
});

describe('an agent', () => {
  it('has its own page, with its recent activity (no dates, as Talkover gives none) and the range’s figures', async () => {
    const context = await signedInContext(browser, appUrl);
    const page = await context.newPage();
    await page.goto(`${appUrl}/callback-agents?${RANGE}`);
    await page.getByRole('link', { name: 'Details of Central de Retorno' }).click();
    await page.waitForURL(`${appUrl}/callback-agents/${CENTRAL}?${RANGE}`);
    await page.getByRole('heading', { level: 1, name: 'Central de Retorno' }).waitFor();
    await page.getByText('Talkover gives no dates for these two figures.').waitFor();
    await page.getByRole('heading', { name: 'Its source agents in the range' }).waitFor();
    await context.close();
  });

  it.each([
    ['an id that is not a UUID', 'not-a-uuid'],
    ['an agent Talkover does not know', '00000000-0000-4000-8000-000000000000'],
  ])('is a clear 404 for %s', async (_name, id) => {
    const context = await signedInContext(browser, appUrl);
    const page = await context.newPage();
    const response = await page.goto(`${appUrl}/callback-agents/${id}`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'No such callback agent' }).waitFor();
    await context.close();
  });
});

describe('the stats page', () => {
  it('links each source to the callback agent(s) that handle it', async () => {
    const context = await signedInContext(browser, appUrl);
    const page = await context.newPage();
    await page.goto(`${appUrl}/?${RANGE}`);
    // Vendas is routed to two agents: its row links to both.
    const row = page.locator('.source-table tbody tr', { has: page.locator(`a[href="/callback-agents/${VENDAS_AGENT}"]`) });
    await row.getByRole('link', { name: 'Central de Retorno' }).waitFor();
    await row.getByRole('link', { name: 'Retorno Vendas' }).waitFor();
    await context.close();
  });
});
