import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInContext } from './support/browser';

/**
 * What a newcomer trips on, in Chromium: the dashboard opened at another address than its own
 * (NEXTAUTH_URL), and the source table on a phone.
 */
const { appUrl } = inject('e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the sign-in page at another address', () => {
  // The suite's NEXTAUTH_URL says localhost; the server also answers at 127.0.0.1.
  const otherAddress = appUrl.replace('//localhost:', '//127.0.0.1:');

  it.each([
    ['en-US', 'Open this dashboard at'],
    ['pt-BR', 'Abra este painel em'],
  ])('says where to open it (%s), linking to the same page there', async (locale, words) => {
    expect(otherAddress).not.toBe(appUrl);
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`${otherAddress}/login?callbackUrl=%2F%3Frange%3D7d`);
    const notice = page.getByTestId('origin-notice');
    await expect.poll(() => notice.textContent()).toContain(words);
    expect(await notice.getByRole('link').getAttribute('href')).toBe(`${appUrl}/login?callbackUrl=%2F%3Frange%3D7d`);
    await context.close();
  });

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
  it('wraps names between words only, keeps numbers on one line, and scrolls with the names in place', async () => {
    const context = await signedInContext(browser, appUrl, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${appUrl}/?range=30d`);
    const table = page.locator('.source-table');
    await table.waitFor();
    const layout = await table.evaluate((element) => {
      const wordsSplit = [...element.querySelectorAll('th[scope="row"], tfoot th')].some((cell) => {
        // A word broken across lines shows as a text range whose client rects split inside a word.
        const range = document.createRange();
        const text = cell.firstChild?.nodeType === Node.TEXT_NODE ? cell.firstChild : cell;
        range.selectNodeContents(text);
        const words = (cell.textContent ?? '').split(/\s+/).filter(Boolean).length;
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        return lines > words;
      });
      const numbersWrapped = [...element.querySelectorAll('td.numeric')].some((cell) => {
        const style = getComputedStyle(cell);
        return style.whiteSpace !== 'nowrap' || cell.getBoundingClientRect().height > 3 * parseFloat(style.lineHeight || '20');
      });
      const firstColumn = element.querySelector('tbody th[scope="row"]');
      return {
        wordsSplit,
        numbersWrapped,
        sticky: firstColumn ? getComputedStyle(firstColumn).position : null,
        scrollerOverflow: getComputedStyle(element.parentElement!).overflowX,
        pageWider:
          document.documentElement.scrollWidth > window.innerWidth ? `${document.documentElement.scrollWidth} > ${window.innerWidth}` : false,
        // What sticks out of the page, if anything (named, so a failure says where to look).
        wide: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.parentElement?.closest('.table-scroll'))
          .slice(0, 8)
          .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
      };
    });
    expect(layout).toEqual({ wordsSplit: false, numbersWrapped: false, sticky: 'sticky', scrollerOverflow: 'auto', pageWider: false, wide: [] });
    await context.close();
  });
});
