import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, RANGE_PRESETS, todayIn } from '@/lib/date-range';
import { setUpStatsRoute, type StatsRouteBody } from '../support/stats-route';

/**
 * Property-based fuzzing of GET /api/stats's query string, straight through the route handler
 * (a real session cookie, simulator in-process on loopback). Whatever the query: never a 5xx, always a
 * JSON body (the error envelope or the stats), and a 400 never costs a Talkover call; the shared
 * set-up checks after each test that no log line holds the token.
 */
const TOKEN = 'talq_queryfuzz_canary_93ab0c1d5e';
const NUM_RUNS = 2_000;
// Limits too high to matter: thousands of valid ranges must all reach the simulator.
const route = setUpStatsRoute({
  token: TOKEN,
  simulatorRateLimitPerMinute: 10_000_000,
  env: {
    TALKOVER_TIMEOUT_MS: '2000',
    TALKOVER_DEADLINE_MS: '4000',
    TALKOVER_RATE_LIMIT_PER_MINUTE: '1000000',
    TALKOVER_MAX_CONCURRENT: '256',
  },
});

const RANGE_ERROR_CODES = [
  'invalid_date',
  'reversed_range',
  'range_too_long',
  'future_date',
  'unknown_range',
  'incomplete_range',
  'conflicting_params',
  'repeated_param',
];

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const today = () => todayIn('UTC', new Date());
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const RANGE_KEYS = ['range', 'start_date', 'end_date'] as const;

/** Keys: mostly the three that matter (so repeats and conflicts are common), plus near misses and noise. */
const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...RANGE_KEYS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Range',
      'RANGE',
      'range ',
      ' range',
      'range[]',
      'range[0]',
      'start-date',
      'startDate',
      'end_date\u0000',
      'start_date%00',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'callbackUrl',
      '_rsc',
      '',
      'ｒａｎｇｅ',
      'range\u200b',
      'start_date;end_date',
      'a'.repeat(10_000),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
);

const presetArb = fc.oneof(
  fc.constantFrom(...RANGE_PRESETS),
  // Whitespace, case and look-alikes around a real preset.
  fc
    .tuple(fc.constantFrom(...RANGE_PRESETS), fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000', '\ufeff', '', 'x'))
    .map(([preset, ws]) => `${ws}${preset}${ws}`),
  fc.constantFrom('7D', 'TODAY', '7', '7days', '1y', '365d', 'all', 'last-year', 'week', 'null', 'undefined', '-1d', '0d'),
);

/** Real days from the last ~2 years and the next week: valid ranges, reversed ones, future ones, too long. */
const nearDateArb = fc.integer({ min: -800, max: 7 }).map((offset) => addDays(today(), offset));

const edgeDateArb = fc.constantFrom(
  '0000-00-00',
  '0000-01-01',
  '0001-01-01',
  '0099-12-31',
  '0100-01-01',
  '1899-12-31',
  '1900-02-29',
  '1970-01-01',
  '1969-12-31',
  '2000-02-29',
  '2023-02-29',
  '2024-02-29',
  '2024-02-30',
  '2024-02-31',
  '2024-04-31',
  '2024-13-01',
  '2024-00-10',
  '2024-12-32',
  '2100-02-29',
  '2400-02-29',
  '9999-12-31',
  '10000-01-01',
  '+002024-01-01',
  '-000001-01-01',
  '2024-1-1',
  '2024-01-01T00:00:00Z',
  '2024-01-01 ',
  ' 2024-01-01',
  '2024/01/01',
  '01-01-2024',
  '2024-01-01\u0000',
  '２０２４-０１-０１',
  '٢٠٢٤-٠١-٠١',
  '2024‐01‐01',
);

/** Any YYYY-MM-DD shape, mostly not a real day (month 0..13, day 0..32). */
const shapedDateArb = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

const leapDayArb = fc.integer({ min: 1900, max: 2100 }).map((year) => `${year}-02-29`);

const dateArb = fc.oneof(
  { weight: 4, arbitrary: nearDateArb },
  { weight: 2, arbitrary: edgeDateArb },
  { weight: 2, arbitrary: shapedDateArb },
  { weight: 1, arbitrary: leapDayArb },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)) },
);

const injectionArb = fc.constantFrom(
  "' OR 1=1--",
  '" OR ""="',
  "'; DROP TABLE stats; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '/etc/passwd\u0000.png',
  '%00',
  '\u0000',
  '${}',
  '${process.env.TALKOVER_API_TOKEN}',
  '{{7*7}}',
  '#{7*7}',
  '`id`',
  '$(id)',
  '|| id',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  '\r\nSet-Cookie: x=1',
  'http://169.254.169.254/latest/meta-data/',
  '//evil.example',
  '{"$gt":""}',
  '[object Object]',
  '__proto__[x]=1',
  '%',
  '%%',
  '%G1',
  '%E0%A4%A',
  '%C0%AE%C0%AE%2F',
  '\\',
  '\u202e7d',
  '7d\u202e',
  'בדיקה',
  'مرحبا',
  '😀',
  '👩‍👩‍👧‍👦',
);

const numberArb = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom('0', '-0', '1e309', '-1e309', 'NaN', 'Infinity', '0x1F', '1_000', '20240101', '1704067200', '1704067200000'),
);

const loneSurrogateArb = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const unicodeArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('\u0000', '\u200f\u202b7d\u202c', '\u202ertl', 'שלום', 'عربى', '🤖📞', '\ufffd', '\ud83d', '\ude00x'),
  loneSurrogateArb,
);

/** 10k+ characters: a long run of one chunk, ASCII or not. */
const hugeArb = fc
  .tuple(fc.constantFrom('a', '7d', '2024-01-01', '%', 'é', '😀', '\u0000', ' '), fc.integer({ min: 10_000, max: 16_000 }))
  .map(([chunk, length]) => chunk.repeat(Math.ceil(length / chunk.length)));

const valueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: presetArb },
  { weight: 8, arbitrary: dateArb },
  { weight: 3, arbitrary: injectionArb },
  { weight: 2, arbitrary: numberArb },
  { weight: 3, arbitrary: unicodeArb },
  { weight: 1, arbitrary: hugeArb },
  { weight: 1, arbitrary: fc.constant('') },
);

/**
 * How one pair reaches the URL: percent-encoded (where encodable: lone surrogates are not), as a
 * form would (`+` for spaces), raw (so `&`, `=`, `%`, `#` and spaces mean what they mean in a URL),
 * or as hand-made percent escapes of the UTF-8 bytes, including the (invalid) bytes of a lone surrogate.
 */
type Encoding = 'component' | 'form' | 'raw' | 'bytes';
const encodingArb = fc.constantFrom<Encoding>('component', 'component', 'form', 'raw', 'bytes');

function encodeBytes(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      // CESU-style bytes of a lone surrogate: not valid UTF-8, but a perfectly writable URL.
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).padStart(2, '0').toUpperCase()}`;
    }
  }
  return out;
}

function encode(text: string, encoding: Encoding): string {
  switch (encoding) {
    case 'component':
      try {
        return encodeURIComponent(text);
      } catch {
        return encodeBytes(text); // lone surrogate: not URL-encodable as UTF-8 text
      }
    case 'form':
      return new URLSearchParams([['k', text]]).toString().slice(2);
    case 'raw':
      return text;
    case 'bytes':
      return encodeBytes(text);
  }
}

const pairArb = fc.record({ key: keyArb, value: valueArb, keyEncoding: encodingArb, valueEncoding: encodingArb, bare: fc.boolean() });

/** A valid-looking query, so that a good share of runs goes all the way to the simulator and back. */
const plausibleQueryArb = fc.oneof(
  fc.constantFrom(...RANGE_PRESETS).map((preset) => `?range=${preset}`),
  fc.tuple(nearDateArb, nearDateArb).map(([a, b]) => `?start_date=${a}&end_date=${b}`),
  fc.tuple(dateArb, dateArb).map(([a, b]) => `?end_date=${encodeURIComponent(b)}&start_date=${encodeURIComponent(a)}`),
);

const generatedQueryArb = fc
  .tuple(fc.array(pairArb, { maxLength: 8 }), fc.constantFrom('', '&', '&&', '#frag', '#', ';', '&=', '='))
  .map(([pairs, tail]) => {
    const parts = pairs.map(({ key, value, keyEncoding, valueEncoding, bare }) =>
      bare && value === '' ? encode(key, keyEncoding) : `${encode(key, keyEncoding)}=${encode(value, valueEncoding)}`,
    );
    return `?${parts.join('&')}${tail}`;
  });

const queryArb = fc.oneof(
  { weight: 6, arbitrary: generatedQueryArb },
  { weight: 3, arbitrary: plausibleQueryArb },
  { weight: 1, arbitrary: fc.webQueryParameters().map((query) => `?${query}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => `?${text}`) },
);

/**
 * Queries are printed shortened in a counterexample (a 16 000-character one would bury the
 * report); the seed and path fast-check prints replay the exact value.
 */
type Query = { text: string };
function query(text: string): Query {
  return {
    text,
    [fc.toStringMethod]: () => (text.length > 200 ? `${JSON.stringify(text.slice(0, 200))}… (${text.length} chars)` : JSON.stringify(text)),
  } as Query;
}

// ---------------------------------------------------------------------------------------------

type Outcome = { status: number; contentType: string | null; text: string; calls: number };

async function request(query: string): Promise<Outcome> {
  const before = route.simulator.requestCount();
  const response = await route.respond(query);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, calls: route.simulator.requestCount() - before };
}

describe('GET /api/stats under fuzzed query strings', () => {
  it(`never answers 5xx, always JSON, and never calls Talkover for a 400 (${NUM_RUNS} runs)`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(queryArb.map(query), async ({ text: query }) => {
        const { status, contentType, text, calls } = await request(query);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);

        expect(status, `status for ${JSON.stringify(query.slice(0, 300))}: ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(contentType).toMatch(/^application\/json/);
        expect(text).not.toContain(TOKEN);
        const body = JSON.parse(text) as StatsRouteBody;

        if (status === 400) {
          expect(calls, `Talkover was called for a 400: ${JSON.stringify(query.slice(0, 300))}`).toBe(0);
          expect(Object.keys(body)).toEqual(['error']);
          expect(RANGE_ERROR_CODES).toContain(body.error.code);
          expect(typeof body.error.message).toBe('string');
          // A visitor's value is quoted short (40 characters, JSON-escaped), never echoed whole.
          expect(body.error.message.length).toBeLessThan(500);
        } else {
          expect(status).toBe(200);
          expect(Object.keys(body).sort()).toEqual(['attribution', 'meta', 'period', 'rates', 'sources', 'totals']);
          expect(body.period.end_date <= today()).toBe(true);
          expect(body.period.start_date <= body.period.end_date).toBe(true);
          expect(calls).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The generators must reach both sides: refused queries and served ones.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(NUM_RUNS / 5);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(NUM_RUNS / 10);
    expect(route.simulator.requestCount()).toBeGreaterThan(0);
    expect(route.seen.filter((line) => line.includes('unexpected_error'))).toEqual([]);
    // console is mocked (to collect log lines), so the spread of answers goes straight to stdout.
    process.stdout.write(`query-fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  }, 60_000);

  it('answers fixed edge cases (ancient, far-future, impossible dates, NUL, surrogates, 20k chars) without a 5xx', async () => {
    const cases = [
      '?start_date=0000-00-00&end_date=0000-00-00',
      '?start_date=9999-12-31&end_date=9999-12-31',
      '?start_date=2024-02-29&end_date=2024-03-01',
      '?start_date=2024-02-30&end_date=2024-03-01',
      '?start_date=2023-02-29&end_date=2023-03-01',
      '?start_date=0100-01-01&end_date=0100-12-31',
      '?range=%00',
      '?range=7d%00',
      '?start_date=%ED%A0%80&end_date=2024-01-01',
      `?range=${'x'.repeat(20_000)}`,
      `?start_date=${encodeURIComponent("' OR 1=1--")}&end_date=2024-01-01`,
      '?range=7d&range=7d',
      '?range=7d&start_date=',
      '?range=&start_date=&end_date=',
    ];
    for (const query of cases) {
      const { status, contentType, text, calls } = await request(query);
      expect(status, `${query.slice(0, 100)} → ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(contentType).toMatch(/^application\/json/);
      JSON.parse(text);
      if (status === 400) expect(calls).toBe(0);
    }
  });
});
