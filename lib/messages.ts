/** Words server and browser must say identically; plain strings, safe for any bundle. */

/** Any failed password sign-in, throttled or not, so a lockout never confirms an account exists. */
export const SIGN_IN_FAILED_MESSAGE = 'That email and password don’t match an account. Check them and try again.';
