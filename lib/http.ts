import { AppError, isAppError } from './errors';
import { logError } from './log';

/** Every authenticated answer is per-user data: never stored by a shared cache or the browser. */
export const PRIVATE_NO_STORE = 'private, no-store';

/** 303 See Other: where a plain form post goes next (a browser follows it with a GET). */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': PRIVATE_NO_STORE, ...headers } });
}

export type ErrorEnvelope = { error: { code: string; message: string; retry_after_seconds?: number } };

/** The JSON error envelope. Anything not an AppError is a bug: logged, and a generic 500. */
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
