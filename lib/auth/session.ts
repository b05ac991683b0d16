import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { AppError } from '../errors';
import { getAuthOptions } from './options';

export type SessionUser = { email: string };

/** The signed-in user; decoded once per request however many components ask. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const email = session?.user?.email;
  return email ? { email } : null;
});

/**
 * For pages: the signed-in user, or a redirect to /login that comes back to `returnTo`. The
 * proxy redirects first; this is the second line, so a path the proxy misses is still closed.
 */
export async function requireUser(returnTo = '/'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For route handlers: the signed-in user, or an `unauthorized` AppError (401 JSON). */
export async function requireApiUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthorized');
  return user;
}
