import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { readSessionUser } from './lib/auth/session';
import { decodeSessionToken } from './lib/auth/session-token';
import { AppError } from './lib/errors';
import { errorResponse, PRIVATE_NO_STORE } from './lib/http';
import { buildContentSecurityPolicy, createNonce, HSTS, isServedOverHttps, ssoFormActionOrigins } from './lib/security/csp';
import { toServerTiming, type TimingMetric } from './lib/server-timing';
import { peekStatsPageCache } from './lib/talkover/page-timing';

/**
 * First line of defence: signed-out visitors of a page go to /login with the URL they asked for
 * (so a shared link lands on the shared view after sign-in); signed-out API calls get 401 JSON,
 * not a redirect a script cannot follow. Pages and route handlers check the session again.
 */
const authProxy = withAuth(
  async function checkSession(request) {
    if (isApi(request) && !(await readSessionUser(request))) return errorResponse(new AppError('unauthorized'));
    // Allowed: proxy() passes the request on, with the policy Next needs to read.
    return undefined;
  },
  {
    pages: { signIn: '/login' },
    // withAuth decodes the token it finds (cookie, else Bearer header) with the pages' decoder,
    // which remembers it; whether someone is signed in is decided by the pages' own check below.
    jwt: { decode: decodeSessionToken },
    callbacks: {
      // The session check pages and route handlers run (cookie only, allow-list as it is now), so
      // the proxy never lets through what they refuse. API paths reach the function above, which
      // answers 401 itself.
      authorized: async ({ req }) => isApi(req) || (await readSessionUser(req)) !== null,
    },
  },
);

const isApi = (request: NextRequest) => request.nextUrl.pathname.startsWith('/api/');

/**
 * Open to everyone: sign-in, next-auth's own routes, liveness, and the language menu (the sign-in
 * page has it too). The proxy still adds headers.
 */
function isPublic(pathname: string): boolean {
  return pathname === '/login' || pathname.startsWith('/api/auth/') || pathname === '/api/health' || pathname === '/api/locale';
}

/**
 * Lets the request through with the policy on its headers: Next reads the nonce from the
 * request's Content-Security-Policy (not the response's) and puts it on the scripts it renders.
 */
function passOn(request: NextRequest, policy: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  // Everything the proxy passes on is per-user or sign-in state, never for shared caches. Next
  // keeps a Cache-Control already on the response, so this replaces its equivalent "private,
  // no-cache, no-store, …" on pages and next-auth's own, and covers next-auth routes that send
  // none (/api/auth/providers).
  response.headers.set('Cache-Control', PRIVATE_NO_STORE);
  return response;
}

/**
 * Pages only read (the app has no server actions), so they answer GET and HEAD; route handlers
 * get their 405s from Next. A router-state header that is not the JSON Next expects would make
 * Next itself answer 500: refuse it here as the bad request it is.
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

export default async function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  const https = isServedOverHttps(process.env, request.headers.get('x-forwarded-proto'));
  const policy = buildContentSecurityPolicy({
    nonce: createNonce(),
    development: process.env.NODE_ENV === 'development',
    https,
    formActionOrigins: ssoFormActionOrigins(process.env),
  });

  const refusal = refuseMalformed(request);
  if (refusal) return refusal;

  let response: Response;
  if (isPublic(request.nextUrl.pathname)) {
    response = passOn(request, policy);
  } else {
    const startedAt = performance.now();
    response = (await authProxy(request, event)) ?? passOn(request, policy);
    const metrics: TimingMetric[] = [{ name: 'auth', durationMs: performance.now() - startedAt }];
    if (request.nextUrl.pathname === '/' && response.status === 200) {
      const cache = peekStatsPageCache(request.nextUrl);
      if (cache) metrics.push({ name: 'cache', description: cache });
    }
    // Route handlers write their own, fuller Server-Timing.
    if (!isApi(request)) response.headers.set('Server-Timing', toServerTiming(metrics));
  }

  // The static headers (nosniff, Referrer-Policy, …) come from next.config.mjs, for every path.
  response.headers.set('Content-Security-Policy', policy);
  // Decided per request (NEXTAUTH_URL is read at run time, not baked in at build time).
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  // Every path but build assets and static files: pages need their per-request policy, and
  // which paths are open without a session is decided by isPublic() above.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg|robots\\.txt$).*)'],
};
