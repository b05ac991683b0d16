import { AppError, isAppError } from './errors';
import { logError } from './log';

/** Every authenticated answer is per-user data: never stored by a shared cache or the browser. */
export const PRIVATE_NO_STORE = 'private, no-store';

export type ErrorEnvelope = { error: { code: string; message: string; retry_after_seconds?: number } };

/**
 * The one JSON error envelope of every route handler. Anything that is not an AppError is a bug:
 * it is logged (message and stack, secrets filtered out) and answered as a generic 500.
 */
export function errorResponse(error: unknown): Response {
  const appError = isAppError(error) ? error : toUnexpected(error);
  const body: ErrorEnvelope = { error: { code: appError.code, message: appError.message } };
  const headers = new Headers({ 'Cache-Control': PRIVATE_NO_STORE });
  if (appError.retryAfterSeconds !== undefined) {
    body.error.retry_after_seconds = appError.retryAfterSeconds;
    headers.set('Retry-After', String(appError.retryAfterSeconds));
  }
  return Response.json(body, { status: appError.status, headers });
}

function toUnexpected(error: unknown): AppError {
  logError('unexpected_error', error);
  return new AppError('internal');
}

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
