import 'server-only';
import { getMonitoringSettings, type MonitoringSettings } from '../settings/monitoring';
import { matchesBearerToken } from './health-token';

/**
 * METRICS_TOKEN, the bearer Prometheus sends to GET /api/metrics. Unset, the route does not
 * exist (404): metrics say when the team works and how sign-ins go, so they are off unless an
 * operator turns them on.
 */
export function isMetricsEnabled(settings: MonitoringSettings = getMonitoringSettings()): boolean {
  return settings.metricsToken !== null;
}

/** True when the request carries `Authorization: Bearer <METRICS_TOKEN>` (constant-time compare). */
export function isMetricsBearer(authorization: string | null, settings: MonitoringSettings = getMonitoringSettings()): boolean {
  return matchesBearerToken(authorization, settings.metricsToken);
}
