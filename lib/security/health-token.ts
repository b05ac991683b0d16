import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getMonitoringSettings, type MonitoringSettings } from '../settings/monitoring';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * True when the request carries `Authorization: Bearer <HEALTH_TOKEN>`: the credential uptime
 * monitors use for /api/health's detail without a session. Unset (or too short), no bearer is
 * ever accepted.
 */
export function isHealthBearer(authorization: string | null, settings: MonitoringSettings = getMonitoringSettings()): boolean {
  return matchesBearerToken(authorization, settings.healthToken);
}

/**
 * True when `authorization` is `Bearer <expected>`, for any monitoring token (HEALTH_TOKEN,
 * METRICS_TOKEN); null accepts nothing. Compared in constant time over SHA-256 digests, which
 * have equal lengths whatever was sent, so neither the content nor the length of the token
 * leaks through timing.
 */
export function matchesBearerToken(authorization: string | null, expected: string | null): boolean {
  if (!expected) return false;
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')?.[1];
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
