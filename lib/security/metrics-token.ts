import 'server-only';
import { matchesBearerToken, MIN_HEALTH_TOKEN_LENGTH } from './health-token';

type Env = Record<string, string | undefined>;

/**
 * METRICS_TOKEN, the bearer Prometheus sends to GET /api/metrics. Unset, the route does not
 * exist (404): metrics say when the team works and how sign-ins go, so they are off unless an
 * operator turns them on. The one place that reads the setting.
 */
export function isMetricsEnabled(env: Env = process.env): boolean {
  return Boolean(env.METRICS_TOKEN?.trim());
}

/** A METRICS_TOKEN shorter than this is refused at start-up (and never accepted). */
export const MIN_METRICS_TOKEN_LENGTH = MIN_HEALTH_TOKEN_LENGTH;

/** True when the request carries `Authorization: Bearer <METRICS_TOKEN>` (constant-time compare). */
export function isMetricsBearer(authorization: string | null, env: Env = process.env): boolean {
  return matchesBearerToken(authorization, env.METRICS_TOKEN);
}

/** The start-up check's line for a METRICS_TOKEN too short to be safe, or null. */
export function findMetricsTokenProblem(env: Env): string | null {
  const token = env.METRICS_TOKEN?.trim();
  if (token && token.length < MIN_METRICS_TOKEN_LENGTH) {
    return `METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters (openssl rand -hex 32)`;
  }
  return null;
}
