import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, parseDateRange, RANGE_PRESETS, todayIn } from '../../lib/date-range';
import { viewParamsFromUrl } from '../../lib/view/search-params';
import { launchBrowser, signedInContext } from './support/browser';
import { E2E } from './support/context';
import { resetSimulator, simulatorRequestCount } from './support/simulator-control';

/**
 * Property-based fuzzing of the stats page's query string, signed in, over HTTP against
 * `next start`: never a 5xx, never Next's error boundary, and an invalid range never costs a
 * Talkover call (the simulator's request counter does not move).
 *
 * Valid ranges are drawn from a small pool of days, so they mostly hit the app's cache: the app
 * spends at most 80% of a 100/minute Talkover budget, and 300 runs must not wait on it.
 */
const { appUrl, simulatorOrigin } = inject('e2e');
const NUM_RUNS = 2_000;
let browser: Browser;
let cookie = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await signedInContext(browser, appUrl);
  cookie = (await context.cookies(appUrl)).map(({ name, value }) => `${name}=${value}`).join('; ');
  await context.close();
  await resetSimulator(simulatorOrigin);
});
afterAll(() => browser?.close());

const today = () => todayIn(E2E.timeZone, new Date());
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const keyArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('range', 'start_date', 'end_date') },
  { weight: 2, arbitrary: fc.constantFrom('Range', 'range[]', 'start-date', 'startDate', '__proto__', 'callbackUrl', '_rsc', '', 'ｒａｎｇｅ') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

const presetArb = fc.oneof(
  fc.constantFrom(...RANGE_PRESETS),
  fc.tuple(fc.constantFrom(...RANGE_PRESETS), fc.constantFrom(' ', '\t', '\u00a0', '\ufeff', 'x')).map(([preset, ws]) => `${ws}${preset}${ws}`),
  fc.constantFrom('7D', 'TODAY', '7', '365d', 'all', 'null', '-1d'),
);

/** A small pool of real days: valid ranges among them repeat, and the app's cache absorbs them. */
const pooledDateArb = fc.constantFrom(0, 1, 6, 7, 29, 30, 89, 365, 366, 367, -1).map((back) => addDays(today(), -back));

const edgeDateArb = fc.constantFrom(
  '0000-00-00',
  '0000-01-01',
  '0001-01-01',
  '1900-02-29',
  '2000-02-29',
  '2023-02-29',
  '2024-02-29',
  '2024-02-30',
  '2024-04-31',
  '2024-13-01',
  '2024-00-10',
  '2100-02-29',
  '9999-12-31',
  '10000-01-01',
  '2024-1-1',
  '2024-01-01T00:00:00Z',
  '2024/01/01',
  '２０２４-０１-０１',
  '2024-01-01\u0000',
);

// Random shapes are almost never a real day close enough to another to make a valid range.
const shapedDateArb = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

const injectionArb = fc.constantFrom(
  "' OR 1=1--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '${}',
  '${process.env.TALKOVER_API_TOKEN}',
  '{{7*7}}',
  'javascript:alert(1)',
  '\r\nSet-Cookie: x=1',
  '%',
  '%G1',
  '%E0%A4%A',
  '\\',
  '\u202e7d',
  'בדיקה',
  'مرحبا',
  '😀',
  '👩‍👩‍👧‍👦',
);

const valueArb = fc.oneof(
  { weight: 5, arbitrary: presetArb },
  { weight: 5, arbitrary: pooledDateArb },
  { weight: 2, arbitrary: edgeDateArb },
  { weight: 2, arbitrary: shapedDateArb },
  { weight: 2, arbitrary: injectionArb },
  { weight: 1, arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  // 10k+ characters; as a URL they stay under Node's 16 KB header limit only when ASCII.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '7d', '2024-01-01', 'é'), fc.integer({ min: 10_000, max: 12_000 }))
      .map(([chunk, n]) => chunk.repeat(Math.ceil(n / chunk.length))),
  },
  { weight: 1, arbitrary: fc.constant('') },
);

type Encoding = 'component' | 'raw';
function encode(text: string, encoding: Encoding): string {
  if (encoding === 'raw') return text;
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80'; // a lone surrogate has no UTF-8 form: send the bytes one would write for it
  }
}

const pairArb = fc.record({ key: keyArb, value: valueArb, encoding: fc.constantFrom<Encoding>('component', 'component', 'raw') });

const queryArb = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc
        .array(pairArb, { maxLength: 6 })
        .map((pairs) => `?${pairs.map(({ key, value, encoding }) => `${encode(key, encoding)}=${encode(value, encoding)}`).join('&')}`),
    },
    { weight: 2, arbitrary: fc.constantFrom(...RANGE_PRESETS).map((preset) => `?range=${preset}`) },
    { weight: 2, arbitrary: fc.tuple(pooledDateArb, pooledDateArb).map(([a, b]) => `?start_date=${a}&end_date=${b}`) },
  )
  .map((text) => ({
    text,
    [fc.toStringMethod]: () => (text.length > 200 ? `${JSON.stringify(text.slice(0, 200))}… (${text.length} chars)` : JSON.stringify(text)),
  }));

describe('the stats page under fuzzed query strings (signed in)', () => {
  it(`never answers 5xx, and never calls Talkover for an invalid range (${NUM_RUNS} runs)`, async () => {
    const tally = { valid: 0, invalid: 0, tooLong: 0, statuses: new Map<number, number>() };
    await fc.assert(
      fc.asyncProperty(queryArb, async ({ text: query }) => {
        // The URL as fetch will send it (fragment dropped, characters escaped): the same one the oracle reads.
        const url = new URL(`${appUrl}/${query}`);
        url.hash = '';
        const expected = parseDateRange(viewParamsFromUrl(url.searchParams), { now: new Date(), timeZone: E2E.timeZone });

        const before = await simulatorRequestCount(simulatorOrigin);
        const response = await fetch(url, { headers: { Cookie: cookie }, redirect: 'manual' });
        const body = await response.text(); // the whole stream: the figures' Suspense boundary included
        const after = await simulatorRequestCount(simulatorOrigin);
        tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);

        const what = `${url.pathname}${url.search.slice(0, 300)} → ${response.status}`;
        expect(response.status, what).toBeLessThan(500);
        if (!expected.ok) {
          tally.invalid++;
          expect(after - before, `Talkover was called for an invalid range (${expected.error.code}): ${what}`).toBe(0);
        }
        if (response.status === 431 || response.status === 414) {
          tally.tooLong++; // refused by the HTTP server for its length: nothing reached the app
          return;
        }
        expect(response.status, what).toBe(200);
        // The dashboard's error boundary, rendered (its words are in every page's payload, for the client).
        expect(body, what).not.toContain('<p>The page could not be shown');
        if (expected.ok) {
          tally.valid++;
          // Figures, the empty state, or the page's own explanation of an upstream failure.
          expect(/class="kpi-value"|id="empty-title"|panel-error/.test(body), `${what}: no figures, empty state or error panel`).toBe(true);
        } else {
          expect(body, `${what}: the page does not explain ${expected.error.code}`).toContain('invalid-range-title');
        }
      }),
      { numRuns: NUM_RUNS },
    );
    console.log(
      `page-fuzz: ${tally.valid} valid, ${tally.invalid} invalid (no Talkover call), ${tally.tooLong} refused as too long; statuses ${JSON.stringify(Object.fromEntries(tally.statuses))}`,
    );
    expect(tally.invalid).toBeGreaterThan(NUM_RUNS / 5);
    expect(tally.valid).toBeGreaterThan(NUM_RUNS / 10);
  }, 300_000);
});
