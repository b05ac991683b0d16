import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './support/browser';
import { E2E } from './support/context';
import { resetSimulator, setFault } from './support/simulator-control';

/**
 * The app runs with a canary Talkover token. Whatever a browser session does, the canary must
 * not reach the browser, the built client assets or the server's log.
 */
const { appUrl, simulatorOrigin, serverLog } = inject('e2e');
let browser: Browser;
const received: { url: string; text: string }[] = [];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext();
  context.on('response', async (response) => {
    const headers = JSON.stringify(await response.allHeaders());
    const body = await response.text().catch(() => ''); // redirects have no body
    received.push({ url: response.url(), text: `${headers}\n${body}` });
  });
  const page = await context.newPage();
  await page.goto(`${appUrl}/?range=7d`);
  await signIn(page);
  await page.waitForURL(`${appUrl}/?range=7d`);
  await page.locator('.kpi-value').first().waitFor();
  await page.getByRole('link', { name: 'Last 90 days' }).click();
  await page.waitForURL(`${appUrl}/?range=90d`);
  await page.locator('.kpi-value').first().waitFor();
  for (const fault of [{ mode: 'unauthorized' }, { mode: 'server-error' }, { mode: 'wrong-shape' }] as const) {
    await setFault(simulatorOrigin, fault);
    await page.goto(`${appUrl}/?range=30d`);
    await page.getByRole('main').getByRole('alert').waitFor();
    await page.goto(`${appUrl}/api/stats?range=30d`);
  }
  await resetSimulator(simulatorOrigin);
  await page.goto(`${appUrl}/api/stats?range=30d`);
  await page.goto(`${appUrl}/?start_date=bad&end_date=worse`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await context.close();
}, 120_000);
afterAll(() => browser?.close());

describe('the Talkover token', () => {
  it('appears in no response the browser received', () => {
    expect(received.length).toBeGreaterThan(15);
    expect(received.some(({ url }) => url.includes('/_next/static/'))).toBe(true);
    const leaks = received.filter(({ text }) => text.includes(E2E.canaryToken)).map(({ url }) => url);
    expect(leaks).toEqual([]);
  });

  it('appears in no file of the client build', async () => {
    const files = await filesUnder(path.resolve(E2E.distDir, 'static'));
    expect(files.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const file of files) if ((await readFile(file, 'latin1')).includes(E2E.canaryToken)) leaks.push(file);
    expect(leaks).toEqual([]);
  });

  it('appears in no server log line', async () => {
    const log = await readFile(serverLog, 'utf8');
    expect(log).toContain('"event":"talkover_call"');
    expect(log).toContain('upstream_rejected_token');
    const leaks = log.split('\n').filter((line) => line.includes(E2E.canaryToken));
    expect(leaks).toEqual([]);
  });
});
