import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { vi } from 'vitest';

/**
 * Real next-auth sessions for route-handler tests: a cookie encrypted the way next-auth writes it
 * at sign-in, read back by the app's own session check (nothing about the session is mocked).
 */
export const SESSION_SECRET = 'integration-tests-session-secret-0123456789';
export const SIGNED_IN_EMAIL = 'ana@example.com';

/** The settings a session needs: the secret, a plain-http URL (so the cookie name has no prefix), an allow-list. */
export function stubSessionEnv(): void {
  vi.stubEnv('NEXTAUTH_SECRET', SESSION_SECRET);
  vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
  vi.stubEnv('AUTH_ALLOWED_DOMAINS', 'example.com');
}

type SessionCookieOptions = {
  email?: string;
  provider?: string;
  maxAgeSeconds?: number;
  secret?: string;
  /** The sign-in time (epoch seconds) the token carries; null for a token without one. Default: now. */
  signedInAt?: number | null;
};

/** A `Cookie` header value holding a session for `email`, signed in through an SSO provider by default. */
export async function sessionCookie({
  email = SIGNED_IN_EMAIL,
  provider = 'oidc',
  maxAgeSeconds = 3600,
  secret = SESSION_SECRET,
  signedInAt = Math.floor(Date.now() / 1000),
}: SessionCookieOptions = {}): Promise<string> {
  const claims = signedInAt === null ? {} : { signed_in_at: signedInAt };
  const token = await encode({ token: { sub: email, email, provider, ...claims }, secret, maxAge: maxAgeSeconds });
  return `next-auth.session-token=${token}`;
}

/** The request Next hands a route handler, with the cookie when there is one. */
export function routeRequest(url: string, cookie?: string): NextRequest {
  return new NextRequest(url, { headers: cookie ? { cookie } : {} });
}
