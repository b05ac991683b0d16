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
 * a sign-in refused at the wrong address with "check your connection", and the source table
 * on a phone.
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

describe('a sign-in at another address than NEXTAUTH_URL', () => {
  // The suite's app is http://localhost:<port> and listens on 127.0.0.1: the page opens at both.
  const elsewhere = appUrl.replace('//localhost:', '//127.0.0.1:');

  it.each(['en', 'pt-BR'] as const)('says where to open the dashboard (%s)', async (locale) => {
    const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'pt-BR' });
    try {
      const page = await context.newPage();
      await page.goto(`${elsewhere}/login`);
      await signIn(page);
      const alert = page.locator('.login-form [role=alert]');
      const expected = CATALOGS[locale].Login.wrongOrigin.replace(/<\/?link>/g, '').replace('{url}', appUrl);
      await alert.filter({ hasText: expected }).waitFor({ timeout: 10_000 });
      expect(await alert.getByRole('link').getAttribute('href')).toBe(`${appUrl}/login`);
      expect(await alert.textContent()).not.toContain(CATALOGS[locale].Login.networkError);
    } finally {
      await context.close();
    }
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
      expect(layout.columns).toBe(5);
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
