/**
 * Public words that the server says and the browser must say identically: the JSON API's
 * English ones (pages take theirs from messages/*.json, whose English words match these; a test
 * says so). Plain strings only: nothing server-only, nothing secret.
 */

/**
 * Any failed password sign-in, throttled or not: the sign-in route answers a lockout with the
 * words the form shows for a wrong password, so neither one confirms that an account exists.
 */
export const SIGN_IN_FAILED_MESSAGE = 'That email and password don’t match an account. Check them and try again.';
