import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { encode, type JWT } from 'next-auth/jwt';
import { recordSignInAttempt } from '../metrics/record';
import { isAccountAllowed, isEmailVerified } from './access';
import { buildProviders } from './providers';
import { getAuthSettings } from '../settings/auth';
import { getSessionMaxAge, isWithinSessionLifetime, nowInSeconds, SIGNED_IN_AT_CLAIM } from './session-lifetime';

export { DEFAULT_SESSION_MAX_AGE_SECONDS, getSessionMaxAge } from './session-lifetime';

type SessionToken = { sub?: string; email?: string | null; provider?: string; [SIGNED_IN_AT_CLAIM]?: number };

/** JWT sessions holding the email, provider and sign-in time only: never the Talkover token. */
let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSettings().secret,
    session: { strategy: 'jwt', maxAge: getSessionMaxAge() },
    // The JWT itself expires no later than the sign-in's end, whatever next-auth's fresh expiry.
    jwt: { encode: (params) => encode({ ...params, maxAge: remainingLifetime(params.token, params.maxAge) }) },
    pages: { signIn: '/login', error: '/login' },
    providers: buildProviders(),
    callbacks: {
      // Refusing here shows "this account is not allowed"; credentials get authorize()'s generic error.
      signIn: ({ user, account, profile }) => {
        const provider = account?.provider ?? '';
        // Password sign-ins are counted in authorize(), which decides them.
        if (provider === 'credentials') return true;
        const allowed = isEmailVerified(provider, profile as Record<string, unknown> | undefined) && isAccountAllowed(user.email, provider);
        recordSignInAttempt(allowed ? 'success' : 'failure');
        return allowed;
      },
      // Re-checks access and lifetime on every read; a failing token loses its email (signed out).
      // The sign-in time is carried over unchanged: it alone ends a kept-alive session.
      jwt: ({ token, user, account }) => {
        const current: SessionToken = user
          ? { sub: user.id, email: user.email, provider: account?.provider ?? 'credentials', [SIGNED_IN_AT_CLAIM]: nowInSeconds() }
          : (token as SessionToken);
        if (!isWithinSessionLifetime(current)) return {};
        if (!isAccountAllowed(current.email, current.provider ?? 'credentials')) return {};
        return { sub: current.sub, email: current.email, provider: current.provider, [SIGNED_IN_AT_CLAIM]: current[SIGNED_IN_AT_CLAIM] };
      },
      session: ({ session, token }) => ({
        expires: sessionEndsAt(session.expires, token),
        user: { email: (token.email as string | undefined) ?? null },
      }),
    },
  };
  return options;
}

/** Seconds left of the sign-in's lifetime (at least 1), or next-auth's own maxAge for an empty token. */
function remainingLifetime(token: JWT | undefined, maxAge: number | undefined): number | undefined {
  const signedInAt = token?.[SIGNED_IN_AT_CLAIM];
  if (typeof signedInAt !== 'number') return maxAge;
  const remaining = Math.max(1, signedInAt + getSessionMaxAge() - nowInSeconds());
  return maxAge === undefined ? remaining : Math.min(maxAge, remaining);
}

/** The session's `expires` as next-auth computed it, or the sign-in's end when that comes first. */
function sessionEndsAt(expires: string, token: JWT): string {
  const signedInAt = token[SIGNED_IN_AT_CLAIM];
  if (typeof signedInAt !== 'number') return expires;
  const endsAt = new Date((signedInAt + getSessionMaxAge()) * 1000).toISOString();
  return endsAt < expires ? endsAt : expires;
}
