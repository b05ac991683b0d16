import 'server-only';
import { z } from 'zod';
import { isAppError } from '../errors';
import { recordSignInAttempt } from '../metrics/record';
import { accessSettings, getAccessSettings } from '../settings/access';
import { isAccountAllowed } from './access';
import { hashPassword, verifyPassword } from './password';
import { getAuthSettings } from '../settings/auth';
import { readTrustedDevice } from './device-cookie';
import { BUSY_RETRY_AFTER_SECONDS, takePasswordCheckSlot } from './password-gate';
import { getSignInAddress, getSignInCookies, reportSignedIn, reportSignInRefusal } from './sign-in-scope';
import { reserveSignInAttempt } from './throttle';
import { normaliseEmail } from './users';

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

/** Made at load, so even the first unknown email costs one verification, like a known one. */
const dummyHash = hashPassword('not-a-real-password');

/**
 * Checks an email and password against AUTH_USERS. The throttle is charged here, on exactly the
 * email checked, whatever path brought it, per device when the browser shows a device cookie for
 * that account (device-cookie.ts). An unknown email is checked against a dummy hash, so a wrong
 * email and a wrong password look alike. Refusals without a check go to sign-in-scope.ts.
 */
export async function authorizeCredentials(input: unknown): Promise<{ id: string; email: string } | null> {
  const credentials = credentialsSchema.safeParse(input);
  if (!credentials.success) return failed();
  const users = getPasswordAccounts();
  if (!users) return failed();
  const email = normaliseEmail(credentials.data.email);
  // The gate first: a busy refusal must cost the throttle store nothing (no keys, no points).
  const releaseSlot = takePasswordCheckSlot();
  if (!releaseSlot) {
    recordSignInAttempt('busy');
    reportSignInRefusal({ kind: 'busy', retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
    return null;
  }
  try {
    const { secret } = getAuthSettings();
    const device = readTrustedDevice(getSignInCookies(), email, { secret, nowMs: Date.now() });
    const verdict = await reserveSignInAttempt(email, getSignInAddress(), device);
    if (!verdict.allowed) {
      recordSignInAttempt('throttled');
      reportSignInRefusal({ kind: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds });
      return null;
    }
    const user = users.get(email);
    let valid: boolean;
    try {
      valid = await verifyPassword(credentials.data.password, user?.passwordHash ?? (await dummyHash));
    } catch (error) {
      await verdict.attempt.settle('not_checked');
      throw error;
    }
    if (user && valid && isAccountAllowed(user.email, 'credentials')) {
      await verdict.attempt.settle('success');
      recordSignInAttempt('success');
      reportSignedIn(user.email);
      return { id: user.email, email: user.email };
    }
    await verdict.attempt.settle('failure');
    return failed();
  } finally {
    releaseSlot();
  }
}

/** Any refusal that is not a lockout or a full gate: wrong password, unknown email, bad form. */
function failed(): null {
  recordSignInAttempt('failure');
  return null;
}

/** AUTH_USERS, or null (logged, naming the problem but never a hash) when it is unset or broken. */
function getPasswordAccounts(): ReturnType<typeof getAccessSettings>['users'] | null {
  try {
    const { users } = getAccessSettings();
    if (users.size > 0) return users;
    console.error(JSON.stringify({ event: 'auth_misconfigured', problem: 'AUTH_USERS is not set' }));
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(JSON.stringify({ event: 'auth_misconfigured', problem: accessSettings.getProblem() }));
  }
  return null;
}
