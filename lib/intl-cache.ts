/**
 * Intl formatters cost far more to build than to use (building them was the largest share of a
 * cached /api/stats answer), so each one is built once per key and kept for the life of the
 * process. Keys come from short lists (the supported locales, the app's timezone), and the
 * bound keeps a surprise from growing it without limit. Pure: pages, client code and scripts
 * share it. A formatter that cannot be built (an unknown timezone) throws and is not kept.
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
