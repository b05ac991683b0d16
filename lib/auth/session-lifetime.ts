import 'server-only';
import { getAuthSettings } from '../settings/auth';

export { DEFAULT_SESSION_MAX_AGE_SECONDS } from '../settings/auth';

/**
 * A sign-in's lifetime counts from the sign-in: next-auth refreshes `exp` on every session read,
 * so a polling tab would otherwise stay signed in for ever, even after its account was disabled.
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

/** A token without a sign-in time is refused: its `iat` is its last refresh, not the sign-in. */
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
