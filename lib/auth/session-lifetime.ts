import 'server-only';
import { getAuthSettings } from '../settings/auth';

export { DEFAULT_SESSION_MAX_AGE_SECONDS } from '../settings/auth';

/**
 * How long a sign-in lasts, counted from the sign-in itself. next-auth re-issues the session
 * cookie with a fresh expiry whenever the session is read (`GET /api/auth/session`), so its own
 * `exp` only bounds idle time: a tab that keeps polling would stay signed in for ever, even after
 * the person's identity-provider account was disabled. The sign-in time travels in the token and
 * both the jwt callback and the session check refuse a token older than the lifetime.
 */
/** The claim holding the sign-in time, in epoch seconds. */
export const SIGNED_IN_AT_CLAIM = 'signed_in_at';

/** next-auth's decoder allows 15 s of clock skew; a sign-in time this far ahead is forged or broken. */
const CLOCK_SKEW_SECONDS = 15;

/** AUTH_SESSION_MAX_AGE_SECONDS (5 minutes to 30 days), else 12 hours. */
export const getSessionMaxAge = (): number => getAuthSettings().sessionMaxAgeSeconds;

export function nowInSeconds(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000);
}

/**
 * True while the token's sign-in is younger than the lifetime. A token without a sign-in time
 * (issued before the claim existed) is refused: its `iat` is the time of its last refresh, not of
 * the sign-in, so it cannot say how old the sign-in is. Those people sign in once more.
 */
export function isWithinSessionLifetime(
  token: Record<string, unknown> | null | undefined,
  maxAgeSeconds: number = getSessionMaxAge(),
  nowMs: number = Date.now(),
): boolean {
  const signedInAt = token?.[SIGNED_IN_AT_CLAIM];
  if (typeof signedInAt !== 'number' || !Number.isFinite(signedInAt)) return false;
  const now = nowInSeconds(nowMs);
  return signedInAt <= now + CLOCK_SKEW_SECONDS && now - signedInAt <= maxAgeSeconds;
}
