import 'server-only';
import { isAccountAllowed } from '../auth/access';

/**
 * Whether a subscriber may still sign in by some method: in AUTH_USERS (and the allow-list, if
 * any), or on the allow-list single sign-on checks. One no longer allowed gets no more digests.
 */
export function isSubscriberAllowed(email: string): boolean {
  return isAccountAllowed(email, 'credentials') || isAccountAllowed(email, 'sso');
}
