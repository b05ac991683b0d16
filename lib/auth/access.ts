import 'server-only';
import { getAccessSettings, type AccessSettings } from '../settings/access';
import { isAllowListEmpty, isEmailAllowed } from './allow-list';
import { normaliseEmail } from './users';

/**
 * Who may be signed in, asked at sign-in and on every request, so removing someone takes effect
 * at the next restart without rotating NEXTAUTH_SECRET. SSO needs the allow-list (never "anyone
 * with a Google account"); credentials need AUTH_USERS, and the allow-list when one is set.
 */
export function isAccountAllowed(
  email: string | null | undefined,
  provider: string,
  { users, allowList }: AccessSettings = getAccessSettings(),
): boolean {
  if (!email) return false;
  if (provider === 'credentials') {
    if (!users.has(normaliseEmail(email))) return false;
    return isAllowListEmpty(allowList) || isEmailAllowed(email, allowList);
  }
  return !isAllowListEmpty(allowList) && isEmailAllowed(email, allowList);
}

/**
 * A provider vouches for an address only when it says it is verified. GitHub's profile does not
 * say: withGitHubEmailVerification() sets it from the account's address list.
 */
export function isEmailVerified(provider: string, profile: Record<string, unknown> | undefined): boolean {
  if (provider === 'credentials') return true;
  const verified = profile?.email_verified;
  return verified === true || (provider !== 'github' && verified === 'true');
}

type GitHubEmail = { email?: unknown; primary?: unknown; verified?: unknown };

/**
 * The profile's public address, else the primary one, and whether GitHub lists that exact
 * address as verified. An unverified primary is never a fallback.
 */
export function withGitHubEmailVerification<P extends { email?: string | null }>(
  profile: P,
  emails: unknown,
): P & { email: string | undefined; email_verified: boolean } {
  const list: GitHubEmail[] = Array.isArray(emails) ? emails.filter((entry) => entry && typeof entry === 'object') : [];
  const primary = list.find((entry) => entry.primary === true && typeof entry.email === 'string');
  const email = profile.email || (primary?.email as string | undefined) || undefined;
  const verified = email !== undefined && list.some((entry) => entry.email === email && entry.verified === true);
  return { ...profile, email, email_verified: verified };
}
