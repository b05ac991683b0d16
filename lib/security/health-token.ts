import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

type Env = Record<string, string | undefined>;

/** Shorter tokens are never accepted: a monitor's token must not be guessable. */
export const MIN_HEALTH_TOKEN_LENGTH = 16;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * True when the request carries `Authorization: Bearer <HEALTH_TOKEN>`: the credential uptime
 * monitors use for /api/health's detail without a session. Unset (or too short), no bearer is
 * ever accepted.
 */
export function isHealthBearer(authorization: string | null, env: Env = process.env): boolean {
  return matchesBearerToken(authorization, env.HEALTH_TOKEN);
}

/**
 * True when `authorization` is `Bearer <expected>`, for any token setting (HEALTH_TOKEN,
 * METRICS_TOKEN). An unset or too short `expected` accepts nothing. Compared in constant time
 * over SHA-256 digests, which have equal lengths whatever was sent, so neither the content nor
 * the length of the token leaks through timing.
 */
export function matchesBearerToken(authorization: string | null, expected: string | undefined): boolean {
  const wanted = expected?.trim() ?? '';
  if (wanted.length < MIN_HEALTH_TOKEN_LENGTH) return false;
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')?.[1];
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(wanted));
}
