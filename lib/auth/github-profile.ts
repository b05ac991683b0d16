import 'server-only';
import { withGitHubEmailVerification } from './access';

/**
 * GitHub's profile, with whether its address is verified: next-auth's own request falls back
 * to the primary address without looking at `verified`, so the list is always read here.
 */
export async function requestGitHubProfile({
  client,
  tokens,
}: {
  client: { userinfo(token: string): Promise<object> };
  tokens: { access_token?: string };
}) {
  const profile = (await client.userinfo(tokens.access_token ?? '')) as { email?: string | null };
  const response = await fetch('https://api.github.com/user/emails', {
    headers: { Authorization: `token ${tokens.access_token}`, Accept: 'application/vnd.github+json' },
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  const emails = response?.ok ? await response.json().catch(() => []) : [];
  return withGitHubEmailVerification(profile, emails);
}
