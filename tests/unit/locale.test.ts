import { describe, expect, test } from 'vitest';
import { parseAppLocale } from '@/i18n/locales';
import { getDefaultLocale } from '@/lib/env';
import { matchLocale, parseAcceptLanguage, pickLocale } from '@/lib/locale';

const fromHeader = (header: string | null | undefined, fallback: 'en' | 'pt-BR' = 'en') =>
  pickLocale({ cookie: undefined, acceptLanguage: header, fallback });

describe('pickLocale from Accept-Language', () => {
  test.each<{ header: string | null | undefined; locale: string }>([
    { header: 'pt-BR,pt;q=0.9,en;q=0.8', locale: 'pt-BR' },
    { header: 'en-US,en;q=0.9', locale: 'en' },
    { header: 'pt-br', locale: 'pt-BR' },
    // Another Portuguese or English reads the one the dashboard speaks.
    { header: 'pt-PT', locale: 'pt-BR' },
    { header: 'pt', locale: 'pt-BR' },
    { header: 'en-GB', locale: 'en' },
    // A language the dashboard does not speak is skipped for the viewer's next one.
    { header: 'de, pt-BR;q=0.5', locale: 'pt-BR' },
    { header: 'fr-CA, fr;q=0.9, en;q=0.1', locale: 'en' },
    // Preference order is q, not position.
    { header: 'en;q=0.5, pt-BR;q=0.9, de;q=0.7', locale: 'pt-BR' },
    { header: ' pt-BR ; q=0.9 , en-GB ; q=1 ', locale: 'en' },
    // q=0 means "not acceptable"; an unreadable q counts as 0.
    { header: 'en;q=0, pt-BR;q=0.1', locale: 'pt-BR' },
    { header: 'en;q=abc, pt;q=0.1', locale: 'pt-BR' },
    // A wildcard and malformed tags are skipped.
    { header: '*, pt;q=0.5', locale: 'pt-BR' },
    { header: '12, en_US, pt-BR', locale: 'pt-BR' },
    { header: '<script>, pt', locale: 'pt-BR' },
  ])('$header → $locale', ({ header, locale }) => {
    expect(fromHeader(header)).toBe(locale);
  });

  test.each<{ header: string | null | undefined }>([
    { header: '' },
    { header: null },
    { header: undefined },
    { header: 'garbage;;;,,,' },
    { header: '*' },
    { header: 'de, fr, ja' },
    { header: 'pt-BR;q=0' },
  ])('$header → the server default', ({ header }) => {
    expect(fromHeader(header, 'en')).toBe('en');
    expect(fromHeader(header, 'pt-BR')).toBe('pt-BR');
  });

  test('only the first 20 entries are considered', () => {
    expect(fromHeader([...Array.from({ length: 20 }, () => 'xx'), 'pt'].join(','))).toBe('en');
    expect(fromHeader([...Array.from({ length: 19 }, () => 'xx'), 'pt'].join(','))).toBe('pt-BR');
  });
});

describe('pickLocale with the language cookie', () => {
  test.each<{ cookie: string | undefined; header: string; fallback: 'en' | 'pt-BR'; locale: string }>([
    // The viewer's own choice wins over their browser and the server's default.
    { cookie: 'en', header: 'pt-BR', fallback: 'pt-BR', locale: 'en' },
    { cookie: 'pt-BR', header: 'en-US', fallback: 'en', locale: 'pt-BR' },
    { cookie: 'pt-br', header: 'en-US', fallback: 'en', locale: 'pt-BR' },
    // A cookie the dashboard did not set (or a tampered one) is ignored, not obeyed.
    { cookie: 'de', header: 'pt-BR', fallback: 'en', locale: 'pt-BR' },
    { cookie: 'pt', header: 'en', fallback: 'pt-BR', locale: 'en' },
    { cookie: '<script>', header: '', fallback: 'pt-BR', locale: 'pt-BR' },
    { cookie: '', header: 'pt', fallback: 'en', locale: 'pt-BR' },
  ])('cookie $cookie, header $header, default $fallback → $locale', ({ cookie, header, fallback, locale }) => {
    expect(pickLocale({ cookie, acceptLanguage: header, fallback })).toBe(locale);
  });
});

describe('the pieces', () => {
  test('parseAcceptLanguage orders by q, then position', () => {
    expect(parseAcceptLanguage('de;q=0.5, pt-BR, en;q=0.9, fr;q=0.9')).toEqual(['pt-BR', 'en', 'fr', 'de']);
  });

  test.each([
    ['pt-BR', 'pt-BR'],
    ['PT-br', 'pt-BR'],
    ['pt-AO', 'pt-BR'],
    ['en-IN', 'en'],
    ['es', null],
    ['p', null],
  ])('matchLocale(%s) → %s', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale);
  });

  test.each([
    ['en', 'en'],
    [' pt-BR ', 'pt-BR'],
    ['pt', null],
    ['en-US', null],
    [42, null],
    [undefined, null],
  ])('parseAppLocale(%j) → %s', (value, locale) => {
    expect(parseAppLocale(value)).toBe(locale);
  });

  test.each([
    [{}, 'en'],
    [{ APP_DEFAULT_LOCALE: 'pt-BR' }, 'pt-BR'],
    [{ APP_DEFAULT_LOCALE: 'pt-br' }, 'pt-BR'],
    // The start-up check refuses this in production; elsewhere it falls back rather than break every page.
    [{ APP_DEFAULT_LOCALE: 'de' }, 'en'],
  ])('getDefaultLocale(%j) → %s', (env, locale) => {
    expect(getDefaultLocale(env)).toBe(locale);
  });
});
