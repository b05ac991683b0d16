import { AppError, isAppError } from '../errors';
import { getAuthSettings } from '../settings/auth';

/**
 * Requests that change state (sign-in, sign-out) must come from the dashboard's own pages: the
 * browser's Origin header (or, failing that, the Referer's origin) must be NEXTAUTH_URL's. A
 * cross-site form can post, but it cannot forge these headers.
 */
export function checkSameOrigin(request: Request, publicUrl?: URL): AppError | null {
  let expected: string;
  try {
    expected = (publicUrl ?? getAuthSettings().publicUrl).origin;
  } catch (error) {
    if (isAppError(error)) return error; // NEXTAUTH_URL unusable: nothing can match it
    throw error;
  }
  const sent = request.headers.get('origin') ?? refererOrigin(request.headers.get('referer'));
  if (sent === expected) return null;
  return new AppError('forbidden', {
    code: 'cross_origin_request',
    message: 'This request did not come from the dashboard’s own pages and was refused.',
  });
}

function refererOrigin(referer: string | null): string | null {
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}
