/**
 * Intl formatters cost far more to build than to use (docs/benchmark/README.md), so each is built
 * once per key and kept; the bound guards the short key lists. One that fails to build is not kept.
 */
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat;

const formatters = new Map<string, Formatter>();
const MAX_FORMATTERS = 500;

export function cachedFormatter<T extends Formatter>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    if (formatters.size < MAX_FORMATTERS) formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formatted calendar days, kept by key: the same few days are formatted on every view, and
 * `formatRange` costs tens of microseconds a call (the largest share of the app's own code in a
 * profile of the warm page). A day's text never changes for a language, so nothing goes stale;
 * the map is emptied when full rather than growing.
 */
const texts = new Map<string, string>();
const MAX_TEXTS = 5_000;

export function cachedText(key: string, make: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = make();
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(key, text);
  }
  return text;
}
