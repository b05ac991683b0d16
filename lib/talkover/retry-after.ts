import 'server-only';

/**
 * Reads a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns whole
 * seconds from `now`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400);
  // Only the IMF-fixdate form: Date.parse alone would read "1.5" or "-5" as dates in 2001.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.min(Math.ceil((date - now.getTime()) / 1000), 86_400));
}
