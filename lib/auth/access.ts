import 'server-only';
import { getAccessSettings, type AccessSettings } from '../settings/access';
import { isAllowListEmpty, isEmailAllowed } from './allow-list';
import { normaliseEmail } from './users';

/**
 * Who may be signed in, decided from the settings each time it is asked: at sign-in, and again
 * on every request that reads the session, so removing someone from AUTH_USERS or the
 * allow-list takes effect with the next restart, without rotating NEXTAUTH_SECRET.
 *
 * - SSO (OIDC, Google, GitHub): the email must be on the allow-list (an SSO provider without one
 *   is refused at start-up, so "anyone with a Google account" is never the default).
 * - Credentials: the email must be in AUTH_USERS, and on the allow-list when one is set.
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
 * Identity providers vouch for an address only when they say it is verified: an OIDC issuer's
 * (or Google's) `email_verified` must be true. GitHub's profile says nothing about it: its
 * `email_verified` is set by withGitHubEmailVerification() from GitHub's list of the account's
 * addresses.
 */
export function isEmailVerified(provider: string, profile: Record<string, unknown> | undefined): boolean {
  if (provider === 'credentials') return true;
  const verified = profile?.email_verified;
  return verified === true || (provider !== 'github' && verified === 'true');
}

type GitHubEmail = { email?: unknown; primary?: unknown; verified?: unknown };

/**
 * The address GitHub sign-in uses (the public one on the profile, else the primary one) and
 * whether GitHub lists that exact address as `verified: true`. An unverified primary is never
 * a fallback: without a verified address the sign-in is refused.
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
