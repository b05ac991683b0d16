/**
 * The languages the dashboard speaks. Pure (no server imports): the request config, the
 * language route, formatting and tests share it. `en` is the source catalog.
 */
export const LOCALES = ['en', 'pt-BR'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const SOURCE_LOCALE: AppLocale = 'en';

/** The viewer's own choice, set by the language menu; the URL never carries the language. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** An exact supported tag, case-insensitively ("pt-br" → "pt-BR"), or null. */
export function parseAppLocale(value: unknown): AppLocale | null {
  if (typeof value !== 'string') return null;
  const wanted = value.trim().toLowerCase();
  return LOCALES.find((locale) => locale.toLowerCase() === wanted) ?? null;
}
