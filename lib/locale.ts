/**
 * Picks the locale for numbers and dates from Accept-Language: the first language, by the
 * visitor's own preference order, that this runtime's Intl can format. English otherwise.
 */
export const FALLBACK_LOCALE = 'en-US';

export function pickLocale(acceptLanguage: string | null | undefined): string {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ tag, q }) => q > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // A well-formed but invalid tag: try the next one.
    }
  }
  return FALLBACK_LOCALE;
}
