import { NextResponse, type NextRequest } from 'next/server';
import { readSessionUser } from './lib/auth/session';
import { MAX_REQUEST_BODY_BYTES } from './lib/capped-body';
import { AppError, isAppError } from './lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from './lib/http';
import { getFormActionOrigins } from './lib/auth/sign-in-methods';
import { buildContentSecurityPolicy, createNonce, HSTS, isServedOverHttps } from './lib/security/csp';
import { getAuthSettings } from './lib/settings/auth';

/**
 * First line of defence, then headers. Signed-out page visits go to /login keeping their path (a
 * shared link lands after sign-in); signed-out API calls get 401 JSON. Not next-auth's `withAuth`:
 * it waves through any path merely starting with `/api/auth`, such as `/api/authors`.
 */
export default async function proxy(request: NextRequest): Promise<Response> {
  const refusal = refuseUnboundedBody(request) ?? refuseMalformed(request);
  if (refusal) return refusal;
  try {
    return await applyPolicy(request);
  } catch (error) {
    // A broken setting (only possible outside production, which refuses to start) is named, not a 500.
    if (isAppError(error)) return errorResponse(error);
    throw error;
  }
}

async function applyPolicy(request: NextRequest): Promise<Response> {
  const https = isServedOverHttps(getAuthSettings().publicUrl, request.headers.get('x-forwarded-proto'));
  const api = isApi(request);
  const policy = buildContentSecurityPolicy({
    nonce: api ? null : createNonce(),
    development: process.env.NODE_ENV === 'development',
    https,
    formActionOrigins: getFormActionOrigins(),
  });

  const signedOut = !isPublic(request.nextUrl.pathname) && !(await readSessionUser(request));
  const response = signedOut ? refuseSignedOut(request) : api ? passOnApi() : passOnPage(request, policy);

  // The static headers (nosniff, Referrer-Policy, …) come from next.config.mjs, for every path.
  response.headers.set('Content-Security-Policy', policy);
  // Decided per request: NEXTAUTH_URL is read at run time, not baked in at build time.
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

const isApi = (request: NextRequest) => request.nextUrl.pathname.startsWith('/api/');

/** Matched exactly (`/api/auth/` with its slash). Metrics have their own bearer: Prometheus has no session. */
function isPublic(pathname: string): boolean {
  return (
    pathname === '/login' ||
    pathname.startsWith('/api/auth/') ||
    pathname === '/api/health' ||
    pathname === '/api/locale' ||
    pathname === '/api/metrics' ||
    // A digest's unsubscribe link works without signing in: its signed token is the authority.
    pathname === '/digests/unsubscribe' ||
    pathname === '/api/digests/unsubscribe'
  );
}

function refuseSignedOut(request: NextRequest): Response {
  if (isApi(request)) return errorResponse(new AppError('unauthorized'));
  const login = new URL('/login', request.nextUrl.origin);
  login.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

/** Next reads the nonce from the request's Content-Security-Policy, not the response's. */
function passOnPage(request: NextRequest, policy: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  return privately(NextResponse.next({ request: { headers } }));
}

/**
 * API routes render nothing with a nonce, so their request goes on untouched: copying its
 * headers for Next to apply again showed in the warm API's profile.
 */
function passOnApi(): NextResponse {
  return privately(NextResponse.next());
}

/** Per-user state; also covers next-auth routes that send no Cache-Control of their own. */
function privately(response: NextResponse): NextResponse {
  response.headers.set('Cache-Control', PRIVATE_NO_STORE);
  return response;
}

/**
 * No body over MAX_REQUEST_BODY_BYTES gets past here, whatever the path, signed in or not: a
 * larger declared length is a prompt 413, and a body of unknown length (chunked) a 411. Next has
 * buffered at most that much for the proxy (`proxyClientMaxBodySize`), and nothing has parsed it.
 */
function refuseUnboundedBody(request: NextRequest): Response | null {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > MAX_REQUEST_BODY_BYTES ? closing(new AppError('payload_too_large')) : null;
  return request.headers.has('transfer-encoding') ? closing(new AppError('length_required')) : null;
}

/** The refusal, on a connection closed after it: otherwise Node reads the rest of the upload. */
function closing(error: AppError): Response {
  const response = errorResponse(error);
  response.headers.set('Connection', 'close');
  return response;
}

/** Pages only read (no server actions). */
function refuseMalformed(request: NextRequest): Response | null {
  if (!isApi(request) && request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
  }
  return null;
}

export const config = {
  matcher: [
    // Every path but build assets and static files (anchored: `/icon.svgx` still gets the proxy),
    // and the health check, which load balancers ask every few seconds: it is public, reads its
    // own session for the detail, and gets its fixed headers from next.config.mjs.
    '/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$|robots\\.txt$|api/health$).*)',
    // A health check carrying a body still meets the body cap here.
    { source: '/api/health', has: [{ type: 'header', key: 'content-length' }] },
    { source: '/api/health', has: [{ type: 'header', key: 'transfer-encoding' }] },
  ],
};
