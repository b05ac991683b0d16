import 'server-only';
import { getSecretSettingValues } from './settings/secrets';

/**
 * One JSON error line (message, stack, causes) with secret setting values, cookies and
 * Authorization headers redacted. It reads the secrets only to take them out.
 */

export const REDACTED = '[redacted]';

/** Header-shaped text (`cookie: …`, `"authorization":"…"`, `set-cookie=…`): the value goes. */
const HEADER_VALUE = /\b(cookie|set-cookie|authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)([^"'\r\n]+)/gi;
/** A bearer credential on its own, wherever it appears. */
const BEARER = /\b(bearer)\s+[^\s"',;]+/gi;
/** next-auth's cookies by name (session token, CSRF, callback URL), with or without a prefix. */
const AUTH_COOKIE = /((?:__Secure-|__Host-)?next-auth\.[a-z-]+(?:\.\d+)?)=[^;\s"',]+/gi;

/** The text with every secret setting's value, as is and as escaped in JSON, replaced. */
function redactSecrets(text: string, secrets: string[]): string {
  let result = text;
  for (const value of secrets) {
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) result = result.split(form).join(REDACTED);
  }
  return result;
}

/** The text with every secret value and credential replaced by `[redacted]`. */
export function redact(text: string, secrets: string[] = getSecretSettingValues()): string {
  return redactSecrets(text, secrets)
    .replace(HEADER_VALUE, `$1$2${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(AUTH_COOKIE, `$1=${REDACTED}`);
}

type ErrorFields = { name: string; message: string; stack?: string; code?: string; cause?: ErrorFields };

const MAX_CAUSES = 3;

function toErrorFields(error: unknown, depth = 0): ErrorFields {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const fields: ErrorFields = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') fields.code = code;
  // Upstream failures keep the network error as their cause: often the useful part.
  if (error.cause !== undefined && depth < MAX_CAUSES) fields.cause = toErrorFields(error.cause, depth + 1);
  return fields;
}

/** Every string in a JSON-able value, redacted. */
function redactValue(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, secrets)]));
  }
  return value;
}

/** The log line of an error, as logError writes it (exported for tests). */
export function toErrorLogLine(
  event: string,
  error: unknown,
  extra: Record<string, unknown> = {},
  secrets: string[] = getSecretSettingValues(),
): string {
  const line = redactValue({ event, ...extra, error: toErrorFields(error) }, secrets);
  // Once more over the whole line, for the secrets only: object keys skip the pass above.
  return redactSecrets(JSON.stringify(line), secrets);
}

/** Writes one JSON line to stderr for an error the app did not expect. */
export function logError(event: string, error: unknown, extra: Record<string, unknown> = {}): void {
  console.error(toErrorLogLine(event, error, extra));
}

const loggedOnce = new Set<string>();

/**
 * One JSON line to stderr the first time `id` is seen by this process (a bad entry read again
 * and again must not flood the log). Remembers at most 1,000 ids.
 */
export function logOnce(id: string, line: Record<string, unknown>): void {
  if (loggedOnce.has(id)) return;
  if (loggedOnce.size >= 1_000) loggedOnce.clear();
  loggedOnce.add(id);
  console.error(redact(JSON.stringify(line)));
}
