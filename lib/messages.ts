/**
 * Public words that the server and the browser must say identically. This module is imported
 * by client components, so it holds plain strings only: nothing server-only, nothing secret.
 */

/**
 * Any failed password sign-in, throttled or not: the sign-in route answers a lockout with the
 * words the form shows for a wrong password, so neither one confirms that an account exists.
 */
export const SIGN_IN_FAILED_MESSAGE = 'That email and password don’t match an account. Check them and try again.';
