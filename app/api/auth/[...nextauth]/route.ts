import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { checkAuthPath, isFormContentType, readCappedBody } from '@/lib/auth/auth-request';
import { issueDeviceCookie } from '@/lib/auth/device-cookie';
import { getAuthOptions } from '@/lib/auth/options';
import { runInSignInScope, type SignInRefusal } from '@/lib/auth/sign-in-scope';
import { AppError, isAppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { logError } from '@/lib/log';
import { withRequestTiming } from '@/lib/metrics/record';
import { getClientAddress } from '@/lib/net/client-address';
import { checkSameOrigin } from '@/lib/security/origin';
import { getAuthSettings } from '@/lib/settings/auth';
import { isHttpsRequest } from '@/lib/locale-choice';

type Context = { params: Promise<{ nextauth: string[] }> };

const AUTH_ROUTE = '/api/auth/[...nextauth]';

/** next-auth's own routes (providers, csrf, session, OAuth callbacks): reads only. */
export const GET = withRequestTiming(AUTH_ROUTE, async (request: NextRequest, context: Context): Promise<Response> => {
  const segments = (await context.params).nextauth ?? [];
  // next-auth throws (a 500) for a GET of the password callback, which only takes posts.
  if (segments.join('/') === 'callback/credentials') return new Response(null, { status: 405, headers: { Allow: 'POST' } });
  const refusal = checkAuthPath('GET', segments);
  if (refusal) return errorResponse(refusal);
  return runNextAuth(request, context);
});

/** next-auth, with anything it throws on a malformed request answered 400 instead of a 500. */
async function runNextAuth(request: NextRequest, context: Context): Promise<Response> {
  try {
    return await NextAuth(getAuthOptions())(request, context);
  } catch (error) {
    if (isAppError(error)) return errorResponse(error); // a broken setting, named
    logError('auth_route_error', error);
    return errorResponse(new AppError('bad_request', { message: 'This sign-in request is not valid.' }));
  }
}

/**
 * Sign-in and sign-out. Before next-auth sees them: the Origin must be the dashboard's own, the
 * path one next-auth serves (no extra segments), the body a form of at most 4 KB. next-auth
 * then gets exactly the bytes read here, labelled as a plain form, so it parses what we parsed.
 * The password lockout itself is decided in authorize() (lib/auth/credentials.ts); a refusal it
 * reports is answered 429 (throttled) or 503 (too many checks at once) with Retry-After and
 * the same generic message as a wrong password.
 */
export const POST = withRequestTiming(AUTH_ROUTE, async (request: NextRequest, context: Context): Promise<Response> => {
  const refusal =
    checkSameOrigin(request) ??
    checkAuthPath('POST', (await context.params).nextauth ?? []) ??
    (isFormContentType(request.headers.get('content-type'))
      ? null
      : new AppError('unsupported_media_type', { message: 'Send the sign-in as a form (application/x-www-form-urlencoded).' }));
  if (refusal) return errorResponse(refusal);

  const body = await readCappedBody(request);
  if (isAppError(body)) return errorResponse(body);
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/x-www-form-urlencoded');
  headers.delete('content-length');
  const forwarded = new NextRequest(request.url, { method: 'POST', headers, body });

  const signIn = { address: getClientAddress(request.headers), cookies: request.headers.get('cookie') };
  const { value: response, refusal: signInRefusal, signedInEmail } = await runInSignInScope(signIn, () => runNextAuth(forwarded, context));
  if (signInRefusal) return toRefusalResponse(signInRefusal);
  return signedInEmail ? withDeviceCookie(response, signedInEmail, isHttpsRequest(request)) : response;
});

/** A password sign-in that succeeded marks this browser as the account's trusted device. */
function withDeviceCookie(response: Response, email: string, https: boolean): Response {
  const headers = new Headers(response.headers);
  headers.append('Set-Cookie', issueDeviceCookie(email, { secret: getAuthSettings().secret, nowMs: Date.now(), https }));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** next-auth's client reads `url` from a sign-in answer to find the error: give it the generic one. */
async function toRefusalResponse(refusal: SignInRefusal): Promise<Response> {
  const kind = refusal.kind === 'throttled' ? 'too_many_attempts' : 'sign_in_busy';
  const response = errorResponse(new AppError(kind, { retryAfterSeconds: refusal.retryAfterSeconds }));
  const body = await response.json();
  const url = new URL('/login?error=CredentialsSignin', getAuthSettings().publicUrl).toString();
  return Response.json({ ...body, url }, { status: response.status, headers: response.headers });
}
