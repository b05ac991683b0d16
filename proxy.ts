import { NextResponse, type NextRequest } from 'next/server';
import { readSessionUser } from './lib/auth/session';
import { AppError, isAppError } from './lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from './lib/http';
import { getFormActionOrigins } from './lib/auth/sign-in-methods';
import { buildContentSecurityPolicy, createNonce, HSTS, isServedOverHttps } from './lib/security/csp';
import { getAuthSettings } from './lib/settings/auth';

/**
 * First line of defence, then headers. Signed-out visitors of a page go to /login with the path
 * they asked for (so a shared link lands on the shared view after sign-in); signed-out API calls
 * get 401 JSON. Pages and route handlers check the session again with the same check.
 * (next-auth's `withAuth` is not used: it waves through every path that merely starts with
 * `/api/auth`, `/_next` or `/favicon.ico`, such as a future `/api/authors`.)
 */
export default async function proxy(request: NextRequest): Promise<Response> {
  const refusal = refuseMalformed(request);
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
  const policy = buildContentSecurityPolicy({
    nonce: createNonce(),
    development: process.env.NODE_ENV === 'development',
    https,
    formActionOrigins: getFormActionOrigins(),
  });

  const signedOut = !isPublic(request.nextUrl.pathname) && !(await readSessionUser(request));
  const response = signedOut ? refuseSignedOut(request) : passOn(request, policy);

  // The static headers (nosniff, Referrer-Policy, …) come from next.config.mjs, for every path.
  response.headers.set('Content-Security-Policy', policy);
  // Decided per request: NEXTAUTH_URL is read at run time, not baked in at build time.
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

const isApi = (request: NextRequest) => request.nextUrl.pathname.startsWith('/api/');

/**
 * Open to everyone, matched exactly: the sign-in page, next-auth's own routes (with the slash, so
 * `/api/authors` is not one of them), liveness, the language menu (the sign-in page has it too)
 * and the metrics (guarded by their own bearer, METRICS_TOKEN: Prometheus has no session). The
 * proxy still adds its headers to them.
 */
function isPublic(pathname: string): boolean {
  return pathname === '/login' || pathname.startsWith('/api/auth/') || pathname === '/api/health' || pathname === '/api/locale' || pathname === '/api/metrics';
}

function refuseSignedOut(request: NextRequest): Response {
  if (isApi(request)) return errorResponse(new AppError('unauthorized'));
  const login = new URL('/login', request.nextUrl.origin);
  login.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

/**
 * Lets the request through with the policy on its headers: Next reads the nonce from the
 * request's Content-Security-Policy (not the response's) and puts it on the scripts it renders.
 */
function passOn(request: NextRequest, policy: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  // Everything here is per-user or sign-in state. Next keeps a Cache-Control already on the
  // response, so this also covers next-auth routes that send none (/api/auth/providers).
  response.headers.set('Cache-Control', PRIVATE_NO_STORE);
  return response;
}

/**
 * Pages only read (the app has no server actions), so they answer GET and HEAD; route handlers
 * get their 405s from Next. A router-state header that is not the JSON Next expects would make
 * Next itself answer 500: refuse it as the bad request it is.
 */
function refuseMalformed(request: NextRequest): Response | null {
  if (!isApi(request) && request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
  }
  const routerState = request.headers.get('next-router-state-tree');
  if (routerState !== null && !isJsonArray(routerState)) {
    return errorResponse(new AppError('bad_request', { message: 'The Next-Router-State-Tree header is not valid.' }));
  }
  return null;
}

function isJsonArray(encoded: string): boolean {
  try {
    return Array.isArray(JSON.parse(decodeURIComponent(encoded)));
  } catch {
    return false;
  }
}

export const config = {
  // Every path but build assets and static files (each name anchored, so `/icon.svgx` is not
  // one): pages need their per-request policy, and which paths are open without a session is
  // decided by isPublic() above.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$|robots\\.txt$).*)'],
};
