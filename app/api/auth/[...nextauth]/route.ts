import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';
import { checkSignInThrottle, clientAddress } from '@/lib/auth/throttle';
import { normaliseEmail } from '@/lib/auth/users';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { checkSameOrigin } from '@/lib/security/origin';

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's own routes (providers, csrf, session, OAuth callbacks): reads only. */
export async function GET(request: Request, context: Context) {
  // next-auth throws (a 500) for a GET of the password callback, which only takes posts.
  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    return new Response(null, { status: 405, headers: { Allow: 'POST' } });
  }
  return runNextAuth(request, context);
}

/** next-auth, with anything it throws on a malformed request answered 400 instead of a 500. */
async function runNextAuth(request: Request, context: Context): Promise<Response> {
  try {
    return await NextAuth(getAuthOptions())(request, context);
  } catch (error) {
    console.error(JSON.stringify({ event: 'auth_route_error', name: error instanceof Error ? error.name : typeof error }));
    return errorResponse(new AppError('bad_request', { message: 'This sign-in request is not valid.' }));
  }
}

/**
 * Sign-in and sign-out. Before next-auth sees them: the Origin must be the dashboard's own, and
 * a password attempt for a locked-out account or address is answered 429 with Retry-After and
 * the same generic message as a wrong password.
 */
export async function POST(request: Request, context: Context) {
  const crossOrigin = checkSameOrigin(request);
  if (crossOrigin) return errorResponse(crossOrigin);

  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    const email = await readOneEmail(request);
    if (email === null) {
      return errorResponse(new AppError('bad_request', { message: 'Send the sign-in as a form with one email and one password.' }));
    }
    const verdict = await checkSignInThrottle(email, clientAddress(request.headers));
    if (!verdict.allowed) {
      const response = errorResponse(new AppError('too_many_attempts', { retryAfterSeconds: verdict.retryAfterSeconds }));
      return withSignInErrorUrl(response, new URL(request.url).origin);
    }
  }
  return runNextAuth(request, context);
}

/**
 * The email the throttle keys on must be the one next-auth checks. next-auth also accepts JSON
 * bodies and takes the last of repeated fields, so anything but a form with exactly one email
 * and one password is refused: otherwise a locked-out account could be tried under a decoy key.
 */
async function readOneEmail(request: Request): Promise<string | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return null;
  const form = await request.clone().formData().catch(() => null);
  const emails = form?.getAll('email') ?? [];
  if (emails.length !== 1 || form?.getAll('password').length !== 1 || typeof emails[0] !== 'string') return null;
  return normaliseEmail(emails[0]);
}

/** next-auth's client reads `url` from a sign-in answer to find the error: give it the generic one. */
async function withSignInErrorUrl(response: Response, requestOrigin: string): Promise<Response> {
  const body = await response.json();
  const base = process.env.NEXTAUTH_URL && URL.canParse(process.env.NEXTAUTH_URL) ? process.env.NEXTAUTH_URL : requestOrigin;
  const url = new URL('/login?error=CredentialsSignin', base).toString();
  return Response.json({ ...body, url }, { status: response.status, headers: response.headers });
}
