import 'server-only';
import type { Provider } from 'next-auth/providers/index';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { withGitHubEmailVerification } from './access';
import { authorizeCredentials } from './credentials';
import { isSsoEnabled as enabled } from './sign-in-methods';

type Env = Record<string, string | undefined>;

/** next-auth providers for the configured methods. */
export function buildProviders(env: Env = process.env): Provider[] {
  const providers: Provider[] = [];
  if (enabled(env, 'oidc')) {
    const issuer = env.AUTH_OIDC_ISSUER!.trim().replace(/\/+$/, '');
    providers.push({
      id: 'oidc',
      name: env.AUTH_OIDC_NAME?.trim() || 'Single sign-on',
      type: 'oauth',
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      issuer,
      clientId: env.AUTH_OIDC_CLIENT_ID!.trim(),
      clientSecret: env.AUTH_OIDC_CLIENT_SECRET!.trim(),
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state', 'nonce'],
      profile: (profile: { sub: string; email?: string; name?: string }) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? null,
      }),
    });
  }
  if (enabled(env, 'google')) {
    providers.push(GoogleProvider({ clientId: env.AUTH_GOOGLE_ID!.trim(), clientSecret: env.AUTH_GOOGLE_SECRET!.trim() }));
  }
  if (enabled(env, 'github')) {
    const github = GitHubProvider({ clientId: env.AUTH_GITHUB_ID!.trim(), clientSecret: env.AUTH_GITHUB_SECRET!.trim() });
    providers.push({ ...github, userinfo: { url: 'https://api.github.com/user', request: requestGitHubProfile } });
  }
  if (env.AUTH_USERS?.trim()) {
    providers.push(
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials) => authorizeCredentials(credentials),
      }),
    );
  }
  return providers;
}

/**
 * GitHub's profile, with whether its address is verified: next-auth's own request falls back
 * to the primary address without looking at `verified`, so the list is always read here.
 */
async function requestGitHubProfile({ client, tokens }: { client: { userinfo(token: string): Promise<object> }; tokens: { access_token?: string } }) {
  const profile = (await client.userinfo(tokens.access_token ?? '')) as { email?: string | null };
  const response = await fetch('https://api.github.com/user/emails', {
    headers: { Authorization: `token ${tokens.access_token}`, Accept: 'application/vnd.github+json' },
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  const emails = response?.ok ? await response.json().catch(() => []) : [];
  return withGitHubEmailVerification(profile, emails);
}
