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
