import { AppError, isAppError } from '../errors';
import { getAuthSettings } from '../settings/auth';

/** State changes need NEXTAUTH_URL's Origin (else Referer): a cross-site form cannot forge them. */
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
