import { createTranslator } from 'next-intl';
import { describe, expect, test } from 'vitest';
import { CATALOGS } from '@/i18n/catalogs';
import { LOCALES } from '@/i18n/locales';
import { parseDateRange, type RangeErrorCode, type RangeParams } from '@/lib/date-range';
import { flattenCatalog, toArgumentNames, toSignature } from '../support/catalogs';

const en = flattenCatalog(CATALOGS.en);
const ptBR = flattenCatalog(CATALOGS['pt-BR']);

/** A translator that throws on anything next-intl would otherwise paper over (a missing key or argument). */
function translator(locale: (typeof LOCALES)[number]) {
  return createTranslator({
    locale,
    messages: CATALOGS[locale],
    onError: (error) => {
      throw error;
    },
  });
}

describe('the catalogs', () => {
  test('pt-BR has exactly the keys of en, the source of truth', () => {
    expect([...ptBR.keys()].sort()).toEqual([...en.keys()].sort());
  });

  test.each([...en.keys()])('%s takes the same ICU arguments, types, tags and choices in both languages', (key) => {
    expect(toSignature(ptBR.get(key) ?? '')).toEqual(toSignature(en.get(key)!));
  });

  test.each(LOCALES)('no %s message is empty', (locale) => {
    for (const [key, message] of flattenCatalog(CATALOGS[locale])) expect(message.trim(), key).not.toBe('');
  });

  test('the signature sees a missing argument, a changed choice and a lost tag', () => {
    expect(toSignature('{count, plural, one {# dia} other {# dias}}')).not.toEqual(toSignature('{n, plural, one {# dia} other {# dias}}'));
    expect(toSignature('{which, select, start {A} other {B}}')).not.toEqual(toSignature('{which, select, begin {A} other {B}}'));
    expect(toSignature('Conectado como <strong>{email}</strong>')).not.toEqual(toSignature('Conectado como {email}'));
  });
});

describe('plural and number forms come from ICU messages', () => {
  test.each([
    { locale: 'pt-BR' as const, count: 1, text: '1 dia' },
    { locale: 'pt-BR' as const, count: 7, text: '7 dias' },
    { locale: 'en' as const, count: 1, text: '1 day' },
    { locale: 'en' as const, count: 7, text: '7 days' },
    { locale: 'pt-BR' as const, count: 366, text: '366 dias' },
  ])('$locale: $count → $text', ({ locale, count, text }) => {
    expect(translator(locale)('RangeForm.days', { count })).toBe(text);
  });

  test.each([
    { locale: 'pt-BR' as const, count: 1, text: '1 callback · 100,0%' },
    { locale: 'pt-BR' as const, count: 1234, text: '1.234 callbacks · 100,0%' },
    { locale: 'en' as const, count: 1, text: '1 callback · 100.0%' },
    { locale: 'en' as const, count: 1234, text: '1,234 callbacks · 100.0%' },
  ])('the chart tooltip in $locale: $count → $text', ({ locale, count, text }) => {
    const share = locale === 'en' ? '100.0%' : '100,0%';
    expect(translator(locale)('Sources.chartTooltip', { count, share })).toBe(text);
  });

  test.each([
    { locale: 'pt-BR' as const, seconds: 1, text: 'Tente de novo em 1 segundo.' },
    { locale: 'pt-BR' as const, seconds: 30, text: 'Tente de novo em 30 segundos.' },
    { locale: 'en' as const, seconds: 1, text: 'Try again in 1 second.' },
    { locale: 'en' as const, seconds: 30, text: 'Try again in 30 seconds.' },
  ])('retry-after in $locale: $seconds → $text', ({ locale, seconds, text }) => {
    expect(translator(locale)('Errors.retryIn', { seconds })).toBe(text);
  });
});

describe('date-range errors are translated from their code and params', () => {
  const NOW = { now: new Date('2026-03-15T12:00:00Z'), timeZone: 'America/Sao_Paulo' };
  const CASES: [RangeErrorCode, RangeParams][] = [
    ['repeated_param', { range: ['7d', '30d'] }],
    ['conflicting_params', { range: ['7d'], start_date: ['2026-03-01'] }],
    ['unknown_range', { range: ['fortnight'] }],
    ['incomplete_range', { start_date: ['2026-03-01'] }],
    ['invalid_date', { start_date: ['2026-02-30'], end_date: ['2026-03-01'] }],
    ['reversed_range', { start_date: ['2026-03-10'], end_date: ['2026-03-01'] }],
    ['future_date', { start_date: ['2026-03-01'], end_date: ['2026-03-20'] }],
    ['range_too_long', { start_date: ['2024-01-01'], end_date: ['2026-03-01'] }],
  ];

  test.each(CASES)('%s: the params are exactly the arguments of its sentence', (code, params) => {
    const result = parseDateRange(params, NOW);
    if (result.ok) throw new Error(`expected ${code}`);
    expect(result.error.code).toBe(code);
    expect(Object.keys(result.error.params).sort()).toEqual(toArgumentNames(en.get(`InvalidRange.${code}`)!));
    for (const locale of LOCALES) expect(translator(locale)(`InvalidRange.${code}`, result.error.params)).not.toMatch(/[{}]/);
  });

  test('a Portuguese viewer reads the reason in Portuguese, with the values they typed', () => {
    const result = parseDateRange({ start_date: ['2026-02-30'], end_date: ['2026-03-01'] }, NOW);
    if (result.ok) throw new Error('expected an error');
    expect(translator('pt-BR')('InvalidRange.invalid_date', result.error.params)).toBe(
      'A data inicial “2026-02-30” não é uma data válida no formato AAAA-MM-DD.',
    );
    // The English sentence stays the JSON API's message.
    expect(result.error.message).toBe('The start date "2026-02-30" is not a real date in the form YYYY-MM-DD.');
  });
});
