import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import en from '@/messages/en.json';
import ptBR from '@/messages/pt-BR.json';
import { CALLBACK_AGENTS } from '@/simulator/agents';
import { violations } from './support/axe';
import { launchBrowser, signedInContext } from './support/browser';
import { resetSimulator, simulatorRequestCount } from './support/simulator-control';

/**
 * The callback agents pages in both languages, light and dark, at a phone's width, axe-clean.
 * A failing agents list is tested in tests/integration/callback-agents-page.test.ts: here the app
 * server's cache keeps the list read by the first test for five minutes.
 */
const { appUrl, simulatorOrigin } = inject('e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
afterEach(() => resetSimulator(simulatorOrigin));

const PHONE = { width: 390, height: 844 };
const CASES = (['light', 'dark'] as const).flatMap((colorScheme) => [
  { colorScheme, locale: 'en-US', lang: 'en', words: en.CallbackAgents },
  { colorScheme, locale: 'pt-BR', lang: 'pt-BR', words: ptBR.CallbackAgents },
]);

async function openPage(options: { colorScheme: 'light' | 'dark'; locale: string }, path: string) {
  const context = await signedInContext(browser, appUrl, { locale: options.locale, viewport: PHONE, colorScheme: options.colorScheme });
  const page = await context.newPage();
  const response = await page.goto(`${appUrl}${path}`);
  return { context, page, status: response?.status() };
}

describe.each(CASES)('callback agents in $lang, $colorScheme, on a phone', ({ colorScheme, locale, lang, words }) => {
  it('lists every callback agent with the routing flags, fits the screen and is axe-clean', async () => {
    const { context, page } = await openPage({ colorScheme, locale }, '/callback-agents?range=30d');
    await page.locator('.agent-card').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(words.title);
    for (const agent of CALLBACK_AGENTS) expect(await page.getByText(agent.name, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-flag="agent_not_published"]').count()).toBe(1);
    // Nothing wider than the phone: tables scroll inside their cards.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('opens one agent with its undated recent activity, and answers 404 for unknown ids', async () => {
    const agent = CALLBACK_AGENTS[0]!;
    const { context, page } = await openPage({ colorScheme, locale }, `/callback-agents/${agent.id}?range=7d`);
    await page.getByText(words.recentNote).waitFor();
    expect(await violations(page)).toEqual([]);

    const before = await simulatorRequestCount(simulatorOrigin);
    const notUuid = await page.goto(`${appUrl}/callback-agents/not-an-agent`);
    expect(notUuid?.status()).toBe(404);
    expect(await simulatorRequestCount(simulatorOrigin)).toBe(before);
    await page.getByText(words.notFoundTitle).first().waitFor();

    const unknown = await page.goto(`${appUrl}/callback-agents/00000000-0000-4000-8000-000000000000`);
    expect(unknown?.status()).toBe(404);
    await page.getByText(words.notFoundTitle).first().waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});
