import 'server-only';
import { getMonitoringSettings, type MonitoringSettings } from '../settings/monitoring';
import { matchesBearerToken } from './health-token';

/** Unset, /api/metrics is a 404: metrics reveal when the team works, so they are opt-in. */
export function isMetricsEnabled(settings: MonitoringSettings = getMonitoringSettings()): boolean {
  return settings.metricsToken !== null;
}

/** True when the request carries `Authorization: Bearer <METRICS_TOKEN>` (constant-time compare). */
export function isMetricsBearer(authorization: string | null, settings: MonitoringSettings = getMonitoringSettings()): boolean {
  return matchesBearerToken(authorization, settings.metricsToken);
}
