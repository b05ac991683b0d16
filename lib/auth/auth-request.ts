import 'server-only';
import { readCappedBytes } from '../capped-body';
import { AppError } from '../errors';

/**
 * Checks before next-auth sees a request: it reads only two path segments and sniffs Content-Type
 * by substring, so a request it would read differently from us is refused here.
 */
export const MAX_AUTH_BODY_BYTES = 4 * 1024;

/** The actions this app uses, with whether they take a provider id (`callback/credentials`). */
const ACTIONS: Record<'GET' | 'POST', Record<string, 'none' | 'optional' | 'required'>> = {
  GET: { providers: 'none', csrf: 'none', session: 'none', signin: 'optional', signout: 'none', error: 'none', callback: 'required' },
  POST: { signin: 'required', signout: 'none', callback: 'required' },
};

/** Null when next-auth serves the path for this method, else a 400, as next-auth answers itself. */
export function checkAuthPath(method: 'GET' | 'POST', segments: string[]): AppError | null {
  const [action = '', provider, ...rest] = segments;
  const shape = Object.hasOwn(ACTIONS[method], action) ? ACTIONS[method][action] : undefined;
  const fits =
    shape !== undefined &&
    rest.length === 0 &&
    (provider === undefined ? shape !== 'required' : shape !== 'none' && /^[a-z0-9_-]{1,64}$/.test(provider));
  return fits ? null : new AppError('bad_request', { code: 'unknown_auth_action', message: 'There is no sign-in endpoint at this address.' });
}

/** Only `application/x-www-form-urlencoded`, optionally with `charset=utf-8`: what the login page and next-auth's client send. */
export function isFormContentType(value: string | null): boolean {
  if (!value) return false;
  const [type = '', ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
  return type === 'application/x-www-form-urlencoded' && parameters.every((parameter) => /^charset="?utf-8"?$/.test(parameter));
}

/** The body as text, refused past MAX_AUTH_BODY_BYTES whether or not Content-Length says so. */
export async function readCappedBody(request: Request): Promise<string | AppError> {
  const bytes = await readCappedBytes(request.body, request.headers.get('content-length'), MAX_AUTH_BODY_BYTES);
  if (bytes === null) return new AppError('payload_too_large', { message: 'This sign-in request is too large.' });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new AppError('bad_request', { message: 'This sign-in request is not valid UTF-8.' });
  }
}
