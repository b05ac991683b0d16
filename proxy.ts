import { withAuth } from 'next-auth/middleware';
import { NextResponse } from 'next/server';
import { AppError } from './lib/errors';
import { errorResponse } from './lib/http';

/**
 * First line of defence: signed-out visitors of a page go to /login with the URL they asked for
 * (so a shared link lands on the shared view after sign-in); signed-out API calls get 401 JSON,
 * not a redirect a script cannot follow. Pages and route handlers check the session again.
 */
export default withAuth(
  function proxy(request) {
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

export const config = {
  // Open to everyone: sign-in, next-auth's own routes, liveness, and static assets.
  matcher: ['/((?!login$|api/auth/|api/health$|_next/static/|_next/image|favicon\\.ico$|icon\\.svg|robots\\.txt$).*)'],
};
