import { AppError } from '../errors';

/**
 * Requests that change state (sign-in, sign-out) must come from the dashboard's own pages: the
 * browser's Origin header (or, failing that, the Referer's origin) must be NEXTAUTH_URL's. A
 * cross-site form can post, but it cannot forge these headers.
 */
export function checkSameOrigin(request: Request, env: Record<string, string | undefined> = process.env): AppError | null {
  const expected = env.NEXTAUTH_URL && URL.canParse(env.NEXTAUTH_URL) ? new URL(env.NEXTAUTH_URL).origin : null;
  const sent = request.headers.get('origin') ?? refererOrigin(request.headers.get('referer'));
  if (expected && sent === expected) return null;
  return new AppError('forbidden', {
    code: 'cross_origin_request',
    message: 'This request did not come from the dashboard’s own pages and was refused.',
  });
}

function refererOrigin(referer: string | null): string | null {
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}
