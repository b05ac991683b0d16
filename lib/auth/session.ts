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
 * The signed-in user, from next-auth's `getToken`, checked against the allow-list and the
 * lifetime since sign-in. It decides what `getServerSession` would, without building a whole
 * next-auth request and re-encrypting the token each call (docs/benchmark/README.md).
 */
export async function readSessionUser(source: SessionSource): Promise<SessionUser | null> {
  const token = await getToken({
    // The cookie only: a Bearer header would escape the cookie's HttpOnly and SameSite protection.
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

/** For pages: the user, or a redirect to /login returning to `returnTo` (second line after the proxy). */
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
