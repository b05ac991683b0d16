import 'server-only';
import type { Provider } from 'next-auth/providers/index';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { requestGitHubProfile } from './github-profile';

/** The sign-in variables, trimmed ('' when unset): lib/settings/sign-in.ts. */
/** The sign-in variables, trimmed ('' when unset): lib/settings/sign-in.ts reads them, from the list below. */
type Variables = Readonly<Record<string, string>>;

/** Every way to sign in, in login-page order; a new provider is one row. */
export type SignInProvider = {
  id: 'oidc' | 'google' | 'github' | 'credentials';
  kind: 'sso' | 'credentials';
  variables: readonly string[];
  label: (variables: Variables) => string;
  formActionOrigin?: (variables: Variables) => string;
  build: (variables: Variables) => Provider;
};

const value = (variables: Variables, name: string) => variables[name] ?? '';

export const SIGN_IN_PROVIDERS: readonly SignInProvider[] = [
  {
    id: 'oidc',
    kind: 'sso',
    variables: ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'],
    label: (env) => value(env, 'AUTH_OIDC_NAME') || 'Single sign-on',
    formActionOrigin: (env) => new URL(value(env, 'AUTH_OIDC_ISSUER')).origin,
    build: (env) => {
      const issuer = value(env, 'AUTH_OIDC_ISSUER').replace(/\/+$/, '');
      return {
        id: 'oidc',
        name: value(env, 'AUTH_OIDC_NAME') || 'Single sign-on',
        type: 'oauth',
        wellKnown: `${issuer}/.well-known/openid-configuration`,
        issuer,
        clientId: value(env, 'AUTH_OIDC_CLIENT_ID'),
        clientSecret: value(env, 'AUTH_OIDC_CLIENT_SECRET'),
        authorization: { params: { scope: 'openid email profile' } },
        idToken: true,
        checks: ['pkce', 'state', 'nonce'],
        profile: (profile: { sub: string; email?: string; name?: string }) => ({
          id: profile.sub,
          email: profile.email ?? null,
          name: profile.name ?? null,
        }),
      };
    },
  },
  {
    id: 'google',
    kind: 'sso',
    variables: ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'],
    label: () => 'Google',
    formActionOrigin: () => 'https://accounts.google.com',
    build: (env) => GoogleProvider({ clientId: value(env, 'AUTH_GOOGLE_ID'), clientSecret: value(env, 'AUTH_GOOGLE_SECRET') }),
  },
  {
    id: 'github',
    kind: 'sso',
    variables: ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'],
    label: () => 'GitHub',
    formActionOrigin: () => 'https://github.com',
    build: (env) => ({
      ...GitHubProvider({ clientId: value(env, 'AUTH_GITHUB_ID'), clientSecret: value(env, 'AUTH_GITHUB_SECRET') }),
      userinfo: { url: 'https://api.github.com/user', request: requestGitHubProfile },
    }),
  },
  {
    id: 'credentials',
    kind: 'credentials',
    variables: ['AUTH_USERS'],
    label: () => 'Email and password',
    build: () =>
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        // Loaded on first use, so the proxy does not pay for scrypt's set-up.
        authorize: async (credentials) => (await import('./credentials')).authorizeCredentials(credentials),
      }),
  },
];

/** A provider is on when every one of its variables is set (blank counts as unset). */
export function isProviderEnabled(provider: SignInProvider, variables: Variables): boolean {
  return provider.variables.every((name) => value(variables, name) !== '');
}

export function getEnabledProviders({ variables }: { variables: Variables }): SignInProvider[] {
  return SIGN_IN_PROVIDERS.filter((provider) => isProviderEnabled(provider, variables));
}
