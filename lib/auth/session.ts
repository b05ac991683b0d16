import 'server-only';
import { getToken } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { AppError } from '../errors';
import { getAuthSettings } from '../settings/auth';
import { isAccountAllowed } from './access';
import { isWithinSessionLifetime } from './session-lifetime';
import { decodeSessionToken } from './session-token';

export type SessionUser = { email: string };

/** What a session is read from: a request's cookies (Next's cookie stores have this shape). */
export type SessionSource = { cookies: { getAll(): { name: string; value: string }[] } };

/**
 * The signed-in user of a request, read straight from next-auth's session cookie: found and
 * decrypted by next-auth's own `getToken` (expired or forged tokens are no session), then held
 * against the allow-list as it is now and against the lifetime since sign-in (a cookie re-issued
 * with a fresh expiry is still only as young as its sign-in). `getServerSession` decides the same from the same cookie
 * (our jwt callback is the same allow-list check), but builds a whole next-auth request and
 * re-encrypts the token on every call, which made it the largest cost of a cached answer.
 */
export async function readSessionUser(source: SessionSource): Promise<SessionUser | null> {
  const token = await getToken({
    // The cookie only: getToken would otherwise also take the token from an `Authorization:
    // Bearer` header, where it would escape the cookie's HttpOnly and SameSite protection.
    req: { cookies: source.cookies, headers: new Headers() } as never,
    secret: getAuthSettings().secret,
    decode: decodeSessionToken,
  });
  const email = typeof token?.email === 'string' ? token.email : null;
  const provider = typeof token?.provider === 'string' ? token.provider : 'credentials';
  if (!email || !isWithinSessionLifetime(token)) return null;
  return isAccountAllowed(email, provider) ? { email } : null;
}

/** For server components: the signed-in user; decoded once per render however many ask. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => readSessionUser({ cookies: await cookies() }));

/**
 * For pages: the signed-in user, or a redirect to /login that comes back to `returnTo`. The
 * proxy redirects first; this is the second line, so a path the proxy misses is still closed.
 */
export async function requireUser(returnTo = '/'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For route handlers (Next passes them a NextRequest): the user, or a 401 `unauthorized`. */
export async function requireApiUser(request: SessionSource): Promise<SessionUser> {
  const user = await readSessionUser(request);
  if (!user) throw new AppError('unauthorized');
  return user;
}
