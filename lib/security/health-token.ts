import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getMonitoringSettings, type MonitoringSettings } from '../settings/monitoring';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** `Bearer <HEALTH_TOKEN>`, for uptime monitors without a session; unset, nothing is accepted. */
export function isHealthBearer(authorization: string | null, settings: MonitoringSettings = getMonitoringSettings()): boolean {
  return matchesBearerToken(authorization, settings.healthToken);
}

/**
 * `Bearer <expected>` for any monitoring token; null accepts nothing. Constant-time over SHA-256
 * digests, so neither the token's content nor its length leaks through timing.
 */
export function matchesBearerToken(authorization: string | null, expected: string | null): boolean {
  if (!expected) return false;
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')?.[1];
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
