import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authorizeCredentials } from './credentials';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * next-auth v4 with JWT sessions. The session holds the email and nothing else: no Talkover
 * token, no settings.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials) => authorizeCredentials(credentials),
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => (user ? { sub: user.id, email: user.email } : token),
    session: ({ session, token }) => ({ expires: session.expires, user: { email: token.email ?? null } }),
  },
};
