import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOGS } from '../../i18n/catalogs';
import { demoBanner, startDemoStack } from '../../scripts/lib/demo-stack';
import { signInOverHttp } from '../../scripts/lib/sign-in';
import { launchBrowser, signedInContext, signIn } from './support/browser';
import { E2E } from './support/context';

/**
 * What a newcomer trips on: `npm run demo` printing two addresses of which only one signs in,
 * the dashboard opened at another address than its own (NEXTAUTH_URL), and the source table on
 * a phone.
 */
const { appUrl, serverLog } = inject('e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('npm run demo', () => {
  it('prints one address, the one Next prints and sign-in accepts', async () => {
    const log = path.join(path.dirname(serverLog), 'e2e-demo-server.log');
    // The suite's build, reused: the demo's own settings and address are what is under test.
    const demo = await startDemoStack({ distDir: E2E.distDir, build: 'never', output: { buildLog: log, serverLog: log } });
    try {
      const printedByNext = [...(await readFile(log, 'utf8')).matchAll(/(?:Local|Network):\s+(\S+)/g)].map((match) => match[1]);
      expect(printedByNext.length).toBeGreaterThan(0);
      expect(new Set(printedByNext)).toEqual(new Set([demo.appUrl]));
      const banner = demoBanner(demo);
      expect(banner.match(/https?:\/\/\S+/g)).toEqual([demo.appUrl]);
      expect(banner).not.toMatch(/warning|standalone/i);
      expect(await signInOverHttp(demo.appUrl, demo.email, demo.password)).toContain('session-token');
    } finally {
      await demo.stop();
    }
  });
});

describe('the sign-in page at another address', () => {
  // The suite's NEXTAUTH_URL says localhost; the server also answers at 127.0.0.1.
  const otherAddress = appUrl.replace('//localhost:', '//127.0.0.1:');

  it.each([
    ['en-US', 'en', 'Open this dashboard at'],
    ['pt-BR', 'pt-BR', 'Abra este painel em'],
  ] as const)(
    'says where to open it (%s), linking to the same page there, and a refused sign-in blames no connection',
    async (browserLocale, locale, words) => {
      expect(otherAddress).not.toBe(appUrl);
      const context = await browser.newContext({ locale: browserLocale });
      const page = await context.newPage();
      await page.goto(`${otherAddress}/login?callbackUrl=%2F%3Frange%3D7d`);
      const notice = page.getByTestId('origin-notice');
      await expect.poll(() => notice.textContent()).toContain(words);
      expect(await notice.getByRole('link').getAttribute('href')).toBe(`${appUrl}/login?callbackUrl=%2F%3Frange%3D7d`);
      // Signing in anyway: the origin check refuses it, and the form does not say "check your connection".
      const refused = page.waitForResponse((response) => response.url().includes('/api/auth/callback/credentials'));
      await signIn(page);
      expect((await refused).status()).toBe(403);
      const submit = page.getByRole('button', { name: CATALOGS[locale].Login.submit, exact: true });
      await expect.poll(() => submit.isEnabled()).toBe(true);
      expect(await page.getByText(CATALOGS[locale].Login.networkError).count()).toBe(0);
      expect(await notice.count()).toBe(1);
      await context.close();
    },
  );

  it('says nothing at its own address', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${appUrl}/login`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.getByTestId('origin-notice').count()).toBe(0);
    await context.close();
  });
});

describe('the source table on a phone (390 px)', () => {
  it('wraps names between words, keeps numbers on one line, and scrolls sideways under a sticky name column', async () => {
    const context = await signedInContext(browser, appUrl, { viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      // The previous period is compared by default: all five columns.
      await page.goto(`${appUrl}/?range=30d`);
      await page.locator('.source-table tbody th[scope=row]').first().waitFor();
      const layout = await page.evaluate(() => {
        /** Text boxes that overlap vertically share a line, whatever their fonts' heights (an arrow). */
        const countLines = (boxes: DOMRect[]): number => {
          let count = 0;
          let bottom = -Infinity;
          for (const box of [...boxes].sort((a, b) => a.top - b.top)) {
            if (box.top >= bottom) count += 1;
            bottom = Math.max(bottom, box.bottom);
          }
          return count;
        };
        /** The visible text nodes under an element (words for screen readers only aside). */
        const visibleText = (element: Element): Text[] => {
          const nodes: Text[] = [];
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement?.closest('.visually-hidden') && node.textContent?.trim()) nodes.push(node as Text);
          }
          return nodes;
        };
        /** How many lines each word of an element's text takes: 1 for a word kept whole. */
        const linesPerWord = (element: Element) =>
          visibleText(element).flatMap((node) =>
            [...node.data.matchAll(/\S+/g)].map((match) => {
              const range = document.createRange();
              range.setStart(node, match.index);
              range.setEnd(node, match.index + match[0].length);
              return { word: match[0], lines: countLines([...range.getClientRects()]) };
            }),
          );
        /** How many lines an element's visible text takes. */
        const lines = (element: Element): number =>
          countLines(
            visibleText(element).flatMap((node) => {
              const range = document.createRange();
              range.selectNodeContents(node);
              return [...range.getClientRects()];
            }),
          );
        const table = document.querySelector('.source-table')!;
        const scroller = table.closest('.table-scroll');
        return {
          columns: table.querySelectorAll('thead th').length,
          names: [...table.querySelectorAll('th[scope=row]')].flatMap(linesPerWord),
          numbers: [...table.querySelectorAll('.numeric')].map((cell) => ({ text: cell.textContent, lines: lines(cell) })),
          pageWidth: document.documentElement.scrollWidth,
          // What reaches past the screen's edge, other than what scrolls inside a table's region.
          overflowing: [...document.querySelectorAll('body *')]
            .filter((element) => !element.closest('.table-scroll') && element.getBoundingClientRect().right > 390.5)
            .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
          scrollerIsNarrower: scroller !== null && scroller.clientWidth <= 390,
          scrolls: scroller ? getComputedStyle(scroller).overflowX : null,
          sticky: getComputedStyle(table.querySelector('tbody th[scope=row]')!).position,
        };
      });
      // Source, received, share, earlier, change, handled by.
      expect(layout.columns).toBe(6);
      expect(layout.names.some(({ word }) => word === 'Vendas')).toBe(true);
      expect(layout.names.filter(({ lines }) => lines !== 1)).toEqual([]);
      expect(layout.numbers.filter(({ text, lines }) => text !== '' && lines !== 1)).toEqual([]);
      // The page itself never scrolls sideways: the table does, inside its card.
      expect(layout.overflowing).toEqual([]);
      expect(layout.pageWidth).toBeLessThanOrEqual(390);
      expect(layout.scrollerIsNarrower).toBe(true);
      expect(layout.scrolls).toBe('auto');
      expect(layout.sticky).toBe('sticky');
    } finally {
      await context.close();
    }
  });
});
