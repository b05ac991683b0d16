import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { isAccountAllowed, isEmailVerified } from './access';
import { buildProviders } from './providers';

export const DEFAULT_SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** AUTH_SESSION_MAX_AGE_SECONDS (5 minutes to 30 days), else 12 hours. */
export function getSessionMaxAge(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.AUTH_SESSION_MAX_AGE_SECONDS?.trim() || NaN);
  return Number.isInteger(value) && value >= 300 && value <= 30 * 86_400 ? value : DEFAULT_SESSION_MAX_AGE_SECONDS;
}

type SessionToken = { sub?: string; email?: string | null; provider?: string };

/**
 * next-auth v4 with JWT sessions. The token holds the email and the provider and nothing else:
 * no Talkover token, no settings. Built on first use from the environment, which does not
 * change while the server runs.
 */
let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: getSessionMaxAge() },
    pages: { signIn: '/login', error: '/login' },
    providers: buildProviders(),
    callbacks: {
      // Refusing here sends the person to /login?error=AccessDenied: "this account is not allowed".
      // Credentials are checked in authorize() instead, which answers with the generic error.
      signIn: ({ user, account, profile }) => {
        const provider = account?.provider ?? '';
        if (provider === 'credentials') return true;
        return isEmailVerified(provider, profile as Record<string, unknown> | undefined) && isAccountAllowed(user.email, provider);
      },
      // Runs at sign-in (user set) and whenever a session is read: the allow-list is checked
      // again each time, and a token that no longer passes loses its email (= signed out).
      jwt: ({ token, user, account }) => {
        const current: SessionToken = user
          ? { sub: user.id, email: user.email, provider: account?.provider ?? 'credentials' }
          : (token as SessionToken);
        if (!isAccountAllowed(current.email, current.provider ?? 'credentials')) return {};
        return { sub: current.sub, email: current.email, provider: current.provider };
      },
      session: ({ session, token }) => ({ expires: session.expires, user: { email: (token.email as string | undefined) ?? null } }),
    },
  };
  return options;
}
