/**
 * Which language a viewer gets: their choice from the language menu (a cookie), else the first
 * language of Accept-Language, by their own preference order, that the dashboard speaks, else
 * the server's default. Words, numbers and dates all follow the one locale chosen here.
 */
import { LOCALES, parseAppLocale, type AppLocale } from '../i18n/locales';

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** Accept-Language's tags, most wanted first (q, then position); q=0 and malformed tags dropped. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  return (header ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ tag, q }) => q > 0 && LANGUAGE_TAG.test(tag))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/**
 * The supported locale for one tag: the exact one ("pt-BR"), else the one of the same language
 * ("pt-PT" and "pt" read Brazilian Portuguese, "en-GB" reads English).
 */
export function matchLocale(tag: string): AppLocale | null {
  const exact = parseAppLocale(tag);
  if (exact) return exact;
  const language = tag.split('-')[0]?.toLowerCase();
  return LOCALES.find((locale) => locale.split('-')[0]?.toLowerCase() === language) ?? null;
}

export function pickLocale({
  cookie,
  acceptLanguage,
  fallback,
}: {
  cookie: string | null | undefined;
  acceptLanguage: string | null | undefined;
  fallback: AppLocale;
}): AppLocale {
  const chosen = parseAppLocale(cookie);
  if (chosen) return chosen;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const matched = matchLocale(tag);
    if (matched) return matched;
  }
  return fallback;
}
