import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { NextResponse, type NextFetchEvent } from 'next/server';
import { AppError } from './lib/errors';
import { errorResponse } from './lib/http';
import { toServerTiming, type TimingMetric } from './lib/server-timing';
import { peekStatsPageCache } from './lib/talkover/page-timing';

/**
 * First line of defence: signed-out visitors of a page go to /login with the URL they asked for
 * (so a shared link lands on the shared view after sign-in); signed-out API calls get 401 JSON,
 * not a redirect a script cannot follow. Pages and route handlers check the session again.
 */
const authProxy = withAuth(
  function checkSession(request) {
    if (!request.nextauth.token && request.nextUrl.pathname.startsWith('/api/')) {
      return errorResponse(new AppError('unauthorized'));
    }
    return NextResponse.next();
  },
  {
    pages: { signIn: '/login' },
    callbacks: {
      // API paths always reach the function above, which answers 401 itself.
      authorized: ({ req, token }) => Boolean(token) || req.nextUrl.pathname.startsWith('/api/'),
    },
  },
);

export default async function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  const startedAt = performance.now();
  const response = (await authProxy(request, event)) ?? NextResponse.next();
  const metrics: TimingMetric[] = [{ name: 'auth', durationMs: performance.now() - startedAt }];
  if (request.nextUrl.pathname === '/' && response.status === 200) {
    const cache = peekStatsPageCache(request.nextUrl);
    if (cache) metrics.push({ name: 'cache', description: cache });
  }
  // Route handlers write their own, fuller Server-Timing.
  if (!request.nextUrl.pathname.startsWith('/api/')) response.headers.set('Server-Timing', toServerTiming(metrics));
  return response;
}

export const config = {
  // Open to everyone: sign-in, next-auth's own routes, liveness, and static assets.
  matcher: ['/((?!login$|api/auth/|api/health$|_next/static/|_next/image|favicon\\.ico$|icon\\.svg|robots\\.txt$).*)'],
};
