import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getMonitoringSettings, type MonitoringSettings } from '../settings/monitoring';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * True when the request carries `Authorization: Bearer <HEALTH_TOKEN>`: the credential uptime
 * monitors use for /api/health's detail without a session. Unset (or too short), no bearer is
 * ever accepted. Compared in constant time over SHA-256 digests, so neither the content nor the
 * length of the token leaks through timing.
 */
export function isHealthBearer(authorization: string | null, settings: MonitoringSettings = getMonitoringSettings()): boolean {
  const expected = settings.healthToken;
  if (!expected) return false;
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')?.[1];
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
